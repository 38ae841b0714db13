import * as z from 'zod';
import { mutation, query } from './method.ts';

// Moving whole reviews in and out of the workbench: importing a RevMan 5 file as a new
// review (which the host then opens) and exporting the open review as a RevMan 5 file.
// File contents travel as base64 so that the same calls work over IPC and HTTP, and the
// renderer never needs a path on the user's disk; in the browser host a large file is
// first streamed to the host's upload path (POST /upload) and its token is passed instead.

/** What `POST /upload` returns: a random token standing for the streamed file, used once. */
export const uploadTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'not an upload token');
export const uploadReceiptSchema = z.object({ uploadToken: uploadTokenSchema, name: z.string(), size: z.int() });

export const importReportSchema = z.object({
  imported: z.record(z.string(), z.number()),
  skipped: z.array(z.object({ what: z.string(), reason: z.string() })),
});

export const FILES_API = {
  'files.importRevman': mutation(
    z
      .object({
        fileName: z
          .string()
          .min(1)
          .max(255)
          .regex(/\.(rm5|zip)$/i, 'choose a RevMan 5 file (.rm5) or a RevMan Web data package (.zip)'),
        /** The file's bytes, base64. At most ~40 MB of RevMan file. */
        contentBase64: z.string().min(1).max(56_000_000).optional(),
        /** Instead of the bytes: the token `POST /upload` returned for the streamed file (browser host). */
        uploadToken: uploadTokenSchema.optional(),
      })
      .strict()
      .refine((a) => (a.contentBase64 === undefined) !== (a.uploadToken === undefined), {
        message: 'give either contentBase64 or uploadToken, not both',
        path: ['contentBase64'],
      }),
    z.object({ file: z.object({ path: z.string(), name: z.string() }), report: importReportSchema, reportText: z.string() }),
    'Create a new review from a RevMan 5 file or a RevMan Web data package, next to the open one, and open it.',
  ),
  'files.exportRevman': query(
    z.object({}).strict(),
    z.object({ fileName: z.string(), contentBase64: z.string() }),
    'The open review as a RevMan 5 (.rm5) file: its bytes (ISO-8859-1, as RevMan writes it), base64.',
  ),
  'files.exportRevmanWeb': query(
    z.object({}).strict(),
    z.object({ fileName: z.string(), contentBase64: z.string(), files: z.array(z.string()) }),
    'The open review for RevMan Web: references as RIS (study in NS) and the data-extraction CSVs, zipped.',
  ),
} as const;
