import { z } from 'zod';
import { idSchema } from '../model/ids.ts';
import { mutation, query } from './method.ts';
import { uploadTokenSchema } from './contract-files.ts';

// Full texts and study linking (issue 14; db/src/service/fulltext-handlers.ts,
// docs/fulltext.md).
//   fullText.*: PDFs inside the review file, stored once per SHA-256, attached to a record
//   (a report) or a study. The bytes arrive as an upload token (the browser host's streamed
//   POST /upload) or as base64 (Electron's IPC, tests); the viewer reads them back through
//   GET /fulltext/<attachment id> (browser host) or fullText.chunk (any host, Electron's IPC).
//   studyLinks.*: records grouped into studies as their reports, with suggestions to confirm
//   or reject.

const ok = z.object({ ok: z.literal(true) });

/** What a PDF is attached to: a record (one report) or a study. */
export const fullTextTargetSchema = z.union([z.object({ recordId: idSchema }).strict(), z.object({ studyId: idSchema }).strict()]);
export type FullTextTarget = z.infer<typeof fullTextTargetSchema>;

export const pdfAttachmentSchema = z.object({
  id: idSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  recordId: idSchema.nullable(),
  studyId: idSchema.nullable(),
  fileName: z.string(),
  size: z.int().min(1),
  attachedAt: z.string(),
});
export type PdfAttachment = z.infer<typeof pdfAttachmentSchema>;

/** A file name as the reviewer's disk had it: no folder, at most 255 characters. */
const pdfFileNameSchema = z
  .string()
  .trim()
  .min(1, 'name the file')
  .max(255)
  .refine((v) => !/[\\/\0]/.test(v), { message: 'a file name without a folder' });

/** The largest PDF Grove keeps: far above any article's full text, below SQLite's 1 GB value limit per chunk row. */
export const MAX_PDF_BYTES = 512 * 1024 * 1024;
/** How many bytes `fullText.chunk` returns at most (the stored chunk size). */
export const PDF_CHUNK_BYTES = 1024 * 1024;

export const linkSuggestionSchema = z.object({
  recordIds: z.array(idSchema),
  reasons: z.array(z.object({ kind: z.enum(['registry', 'author-year-size', 'author-year']), detail: z.string() })),
  /** Studies the records already belong to; confirming links them into the first. */
  studyIds: z.array(idSchema),
  /** Each record as the reviewer compares them. */
  records: z.array(
    z.object({
      id: idSchema,
      title: z.string().nullable(),
      authors: z.array(z.string()),
      year: z.int().nullable(),
      journal: z.string().nullable(),
      registryIds: z.array(z.string()),
      sampleSize: z.int().nullable(),
      studyId: idSchema.nullable(),
      studyLabel: z.string().nullable(),
    }),
  ),
});
export type LinkSuggestionView = z.infer<typeof linkSuggestionSchema>;

/** A study with the records that are its reports. */
export const linkedStudySchema = z.object({
  id: idSchema,
  label: z.string(),
  status: z.string(),
  reports: z.array(z.object({ reportId: idSchema, recordId: idSchema.nullable(), title: z.string(), year: z.int().nullable() })),
});
export type LinkedStudy = z.infer<typeof linkedStudySchema>;

export const FULLTEXT_API = {
  'fullText.list': query(
    fullTextTargetSchema,
    z.array(pdfAttachmentSchema),
    'The PDFs attached to a record or a study, in the order attached.',
  ),
  'fullText.get': query(z.object({ id: idSchema }).strict(), pdfAttachmentSchema, 'One attached PDF: its file name, size and hash.'),
  'fullText.attach': mutation(
    z
      .object({
        target: fullTextTargetSchema,
        fileName: pdfFileNameSchema,
        /** The file's bytes, base64 (Electron's IPC, tests): at most ~40 MB. */
        contentBase64: z.string().min(1).max(56_000_000).optional(),
        /** Instead of the bytes: the token `POST /upload` returned for the streamed file (browser host). */
        uploadToken: uploadTokenSchema.optional(),
      })
      .strict()
      .refine((a) => (a.contentBase64 === undefined) !== (a.uploadToken === undefined), {
        message: 'give either contentBase64 or uploadToken, not both',
        path: ['contentBase64'],
      }),
    pdfAttachmentSchema,
    'Attach a PDF to a record or a study (stored once per content; a file that is not a PDF is refused by name).',
  ),
  'fullText.detach': mutation(z.object({ id: idSchema }).strict(), ok, 'Detach a PDF (undoable; its bytes stay until compaction).'),
  'fullText.chunk': query(
    z.object({ id: idSchema, n: z.int().min(0) }).strict(),
    z.object({ contentBase64: z.string(), size: z.int(), last: z.boolean() }),
    'One 1 MiB piece of an attached PDF (the Electron viewer reads it over IPC piece by piece).',
  ),
  'fullText.compact': mutation(
    z.object({}).strict(),
    z.object({ droppedBlobs: z.int().min(0), freedBytes: z.int().min(0) }),
    'Drop the PDFs no attachment refers to (a detach of one of them can then no longer be undone).',
  ),
  'studyLinks.suggestions': query(
    z.object({}).strict(),
    z.array(linkSuggestionSchema),
    'Records that are probably reports of one study (same registry id, or same first author, year and sample size), not yet linked and not rejected.',
  ),
  'studyLinks.studies': query(z.object({}).strict(), z.array(linkedStudySchema), 'Every study with the records that are its reports.'),
  'studyLinks.included': query(
    z.object({}).strict(),
    z.array(z.object({ id: idSchema, title: z.string().nullable(), authors: z.array(z.string()), year: z.int().nullable() })),
    'Records included at full text that are not yet a report of any study.',
  ),
  'studyLinks.addIncluded': mutation(
    z.object({}).strict(),
    z.array(linkedStudySchema),
    'Each included record not yet in a study becomes a study of its own (short IDs "Cook 2012a"), in one change.',
  ),
  'studyLinks.createStudy': mutation(
    z.object({ recordIds: z.array(idSchema).min(1).max(200), label: z.string().trim().min(1).max(200).optional() }).strict(),
    linkedStudySchema,
    'A new study whose reports are these records (its short ID from the first record unless given: "Cook 2012a").',
  ),
  'studyLinks.link': mutation(
    z.object({ recordIds: z.array(idSchema).min(1).max(200), studyId: idSchema }).strict(),
    linkedStudySchema,
    'Make these records reports of a study (a record already in another study moves).',
  ),
  'studyLinks.unlink': mutation(z.object({ recordId: idSchema }).strict(), ok, 'The record is no longer a report of its study.'),
  'studyLinks.reject': mutation(
    z.object({ recordIds: z.array(idSchema).min(2).max(200) }).strict(),
    ok,
    'These records are not reports of one study: their suggestion is not made again.',
  ),
} as const;
