import * as z from 'zod';
import { mutation, query } from './method.ts';
import { uploadTokenSchema } from './contract-files.ts';
import { CSV_FIELDS, type CsvField } from '../records/formats/csv-columns.ts';

// Records in the review (issue 13): the search log, the records imported from database
// exports, deduplication (automatic merges and the review queue) and the PRISMA
// identification counts that follow from them.

const none = z.object({}).strict();
const problemSchema = z.object({ line: z.int().min(1), message: z.string() });
const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');

export const searchLogEntrySchema = z.object({
  id: z.string(),
  /** PRISMA's two kinds of source: databases and registers, or other methods. */
  kind: z.enum(['database', 'other']),
  /** 'entered': a total typed in by hand, with no records behind it. */
  origin: z.enum(['entered', 'imported']),
  source: z.string().min(1),
  interface: z.string(),
  searchedOn: dateSchema.nullable(),
  strategy: z.string(),
  /** What the database said the search found. */
  hitsReported: z.int().min(0).nullable(),
  /** Records read from the file. */
  recordsParsed: z.int().min(0),
  /** Records identified from this source: parsed, or the total entered by hand. */
  identified: z.int().min(0),
  fileName: z.string().nullable(),
  fileSha256: z.string().nullable(),
  format: z.string().nullable(),
  /** Records that could not be read, with their line: listed, never silently dropped. */
  skipped: z.array(problemSchema),
  warnings: z.array(problemSchema),
  createdAt: z.string(),
});
export type SearchLogEntry = z.infer<typeof searchLogEntrySchema>;

export const recordStatusSchema = z.enum(['remaining', 'duplicate', 'removed']);
export type RecordStatus = z.infer<typeof recordStatusSchema>;

export const storedRecordSchema = z.object({
  id: z.string(),
  searchId: z.string(),
  /** The search's source name and the export file's name. */
  source: z.string(),
  fileName: z.string().nullable(),
  sourceId: z.string(),
  line: z.int(),
  kind: z.string().nullable(),
  title: z.string().nullable(),
  authors: z.array(z.string()),
  year: z.int().nullable(),
  journal: z.string().nullable(),
  volume: z.string().nullable(),
  issue: z.string().nullable(),
  pages: z.string().nullable(),
  doi: z.string().nullable(),
  pmid: z.string().nullable(),
  pmcid: z.string().nullable(),
  embaseId: z.string().nullable(),
  abstract: z.string().nullable(),
  registryIds: z.array(z.string()),
  status: recordStatusSchema,
  /** For a duplicate: the record it was merged into. */
  mergedInto: z.string().nullable(),
  /** For a kept record: how many records were merged into it. */
  mergedCount: z.int().min(0),
  removalReason: z.string().nullable(),
});
export type StoredRecord = z.infer<typeof storedRecordSchema>;

export const RECORD_SORT_FIELDS = ['title', 'year', 'authors', 'journal', 'source'] as const;

export const recordsPageArgsSchema = z
  .object({
    /** Words that must all appear in the title, authors, journal, abstract or an identifier. */
    search: z.string().max(500).default(''),
    searchId: z.string().nullable().default(null),
    status: z.enum(['all', 'remaining', 'duplicate', 'removed']).default('all'),
    sort: z.enum(RECORD_SORT_FIELDS).default('title'),
    descending: z.boolean().default(false),
    offset: z.int().min(0).default(0),
    limit: z.int().min(1).max(500).default(100),
  })
  .strict();
export type RecordsPageArgs = z.input<typeof recordsPageArgsSchema>;

export const recordsPageSchema = z.object({
  /** Rows matching the search and filters. */
  total: z.int().min(0),
  offset: z.int().min(0),
  rows: z.array(storedRecordSchema),
  /** Over the whole review, whatever the filters. */
  counts: z.object({ all: z.int(), remaining: z.int(), duplicate: z.int(), removed: z.int() }),
});
export type RecordsPage = z.infer<typeof recordsPageSchema>;

export const recordDetailSchema = storedRecordSchema.extend({
  raw: z.string(),
  /** Records merged into this one (directly). */
  members: z.array(z.object({ id: z.string(), method: z.enum(['automatic', 'reviewer']), reviewerName: z.string(), reason: z.string() })),
});
export type RecordDetail = z.infer<typeof recordDetailSchema>;

export const fieldEvidenceSchema = z.object({
  field: z.string(),
  verdict: z.enum(['match', 'compatible', 'conflict', 'missing']),
  detail: z.string().optional(),
});

export const queueItemSchema = z.object({
  id: z.string(),
  a: storedRecordSchema,
  b: storedRecordSchema,
  confidence: z.number(),
  reason: z.string(),
  evidence: z.array(fieldEvidenceSchema),
  decision: z.enum(['duplicate', 'not-duplicate', 'skip']).nullable(),
});
export type QueueItem = z.infer<typeof queueItemSchema>;

export const queueStateSchema = z.object({
  /** The next pair to decide (undecided first, then skipped ones), or null when none is left. */
  next: queueItemSchema.nullable(),
  open: z.int().min(0),
  skipped: z.int().min(0),
  decided: z.int().min(0),
  /** The pair decided last (what "undo" reverts), or null. */
  lastDecided: z.string().nullable(),
});
export type QueueState = z.infer<typeof queueStateSchema>;

export const prismaIdentificationSchema = z.object({
  sources: z.array(z.object({ id: z.string(), kind: z.enum(['database', 'other']), source: z.string(), identified: z.int() })),
  databaseRecords: z.int().min(0),
  otherSourceRecords: z.int().min(0),
  duplicatesRemoved: z.int().min(0),
  otherRemovals: z.int().min(0),
  /** Records left to screen: imported records neither merged nor removed. */
  recordsToScreen: z.int().min(0),
});
export type PrismaIdentification = z.infer<typeof prismaIdentificationSchema>;

export const searchDetailsSchema = z
  .object({
    source: z.string().trim().min(1, 'name the database or source'),
    kind: z.enum(['database', 'other']).default('database'),
    interface: z.string().max(200).default(''),
    searchedOn: dateSchema,
    strategy: z.string().max(100_000).default(''),
    hitsReported: z.int().min(0).nullable().default(null),
  })
  .strict();
export type SearchDetails = z.input<typeof searchDetailsSchema>;

export const importSummarySchema = z.object({
  searchId: z.string(),
  fileName: z.string(),
  format: z.string(),
  recordsParsed: z.int(),
  hitsReported: z.int().nullable(),
  skipped: z.array(problemSchema),
  warnings: z.array(problemSchema),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const dedupeSummarySchema = z.object({
  records: z.int(),
  compared: z.int(),
  /** New automatic merges made by this run (records merged into another). */
  merged: z.int(),
  /** New pairs put in the queue by this run. */
  queued: z.int(),
});
export type DedupeSummary = z.infer<typeof dedupeSummarySchema>;

export const exportPreviewSchema = z.object({
  fileName: z.string(),
  format: z.string(),
  encoding: z.string(),
  total: z.int(),
  first: z.array(
    z.object({
      sourceId: z.string(),
      title: z.string().nullable(),
      authors: z.array(z.string()),
      year: z.int().nullable(),
      journal: z.string().nullable(),
    }),
  ),
  skipped: z.array(problemSchema),
  warnings: z.array(problemSchema),
  /** A CSV whose columns do not yet give titles or DOIs: why, so the mapping step can fix it (nothing else is read). */
  unmapped: z.string().optional(),
  /** For a CSV: its header and which column each field is read from (the mapping step). */
  csv: z
    .object({
      headers: z.array(z.string()),
      columns: z.record(z.enum(CSV_FIELDS as [CsvField, ...CsvField[]]), z.string().nullable()),
    })
    .optional(),
});
export type ExportPreview = z.infer<typeof exportPreviewSchema>;

/** The reviewer's CSV column choices by header name (null: the field is not read). */
export const csvColumnChoicesSchema = z.partialRecord(z.enum(CSV_FIELDS as [CsvField, ...CsvField[]]), z.string().max(500).nullable());
export type ColumnChoices = z.infer<typeof csvColumnChoicesSchema>;
export { CSV_FIELDS, type CsvField };

const exportFileSchema = z.object({
  fileName: z.string().min(1).max(500),
  /** The export's bytes, base64: small files. */
  contentBase64: z.string().min(1, 'the file is empty').optional(),
  /** Instead of the bytes: the token `POST /upload` returned for the streamed file (browser host, large files). */
  uploadToken: uploadTokenSchema.optional(),
  format: z.enum(['ris', 'medline', 'wos', 'endnote-xml', 'bibtex', 'csv']).optional(),
  /** For a CSV: the mapping step's choices over the automatic mapping. */
  columns: csvColumnChoicesSchema.optional(),
});

const oneSource = {
  check: (a: { contentBase64?: string; uploadToken?: string }) => (a.contentBase64 === undefined) !== (a.uploadToken === undefined),
  message: { message: 'give either contentBase64 or uploadToken, not both', path: ['contentBase64'] },
};

export const RECORDS_API = {
  'records.page': query(recordsPageArgsSchema, recordsPageSchema, 'A page of the records in the review, searched, filtered and sorted.'),
  'records.get': query(
    z.object({ id: z.string() }).strict(),
    recordDetailSchema,
    'One record with its raw text and what was merged into it.',
  ),
  'records.searchLog': query(none, z.array(searchLogEntrySchema), 'The search log: one entry per search imported or total entered.'),
  'records.preview': query(
    exportFileSchema.strict().refine(oneSource.check, oneSource.message),
    exportPreviewSchema,
    'Reads an export without importing it: its format, first records and, for a CSV, its column mapping. An upload token stays usable for the import.',
  ),
  'records.import': mutation(
    exportFileSchema.extend({ search: searchDetailsSchema }).strict().refine(oneSource.check, oneSource.message),
    importSummarySchema,
    'Imports one export file as one search (one transaction; a refused file imports nothing).',
  ),
  'records.dedupe': mutation(none, dedupeSummarySchema, 'Finds duplicates among all records: merges the certain ones, queues the rest.'),
  'records.queue': query(none, queueStateSchema, 'The review queue: the next pair to decide and how many are left.'),
  'records.decide': mutation(
    z.object({ pairId: z.string(), decision: z.enum(['duplicate', 'not-duplicate', 'skip']) }).strict(),
    queueStateSchema,
    'Decides one pair of the queue.',
  ),
  'records.undoDecision': mutation(
    z.object({ pairId: z.string().optional() }).strict(),
    queueStateSchema,
    'Reverts the decision on a pair (by default the one decided last), with the merge it made.',
  ),
  'records.unmerge': mutation(
    z.object({ recordId: z.string() }).strict(),
    z.object({ recordId: z.string(), keptId: z.string() }),
    'Undoes the merge of a record into another; the pair is remembered as not duplicates.',
  ),
  'records.prisma': query(none, prismaIdentificationSchema, 'PRISMA identification counts from the search log and deduplication.'),
  'records.linkReport': mutation(
    z.object({ reportId: z.string(), recordId: z.string().nullable() }).strict(),
    z.object({ reportId: z.string(), recordId: z.string().nullable() }),
    'Links a study’s report to the record it came from (or unlinks it).',
  ),
} as const;

// The records section of the review document (`grove export --json`, version 4): the search
// log, every record with its raw text, the merges, the queue and the reports' links.
export const recordsSectionSchema = z.object({
  searchLog: z.array(searchLogEntrySchema),
  records: z.array(
    z.object({
      id: z.string(),
      searchId: z.string(),
      ordinal: z.int().min(1),
      line: z.int().min(1),
      sourceId: z.string(),
      kind: z.string().nullable(),
      title: z.string().nullable(),
      authors: z.array(z.string()),
      year: z.int().nullable(),
      journal: z.string().nullable(),
      journalAbbrev: z.string().nullable(),
      volume: z.string().nullable(),
      issue: z.string().nullable(),
      pages: z.string().nullable(),
      doi: z.string().nullable(),
      pmid: z.string().nullable(),
      pmcid: z.string().nullable(),
      embaseId: z.string().nullable(),
      abstract: z.string().nullable(),
      registryIds: z.array(z.string()),
      raw: z.string(),
      removalReason: z.string().nullable(),
    }),
  ),
  merges: z.array(
    z.object({
      recordId: z.string(),
      keptId: z.string(),
      method: z.enum(['automatic', 'reviewer']),
      reviewerId: z.string().nullable(),
      reviewerName: z.string(),
      reason: z.string(),
      pairId: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  queue: z.array(
    z.object({
      id: z.string(),
      recordA: z.string(),
      recordB: z.string(),
      confidence: z.number(),
      reason: z.string(),
      evidence: z.array(fieldEvidenceSchema),
      decision: z.enum(['duplicate', 'not-duplicate', 'skip']).nullable(),
      reviewerId: z.string().nullable(),
      reviewerName: z.string(),
      decidedAt: z.string().nullable(),
      decidedChange: z.int().nullable(),
      createdAt: z.string(),
    }),
  ),
  reportLinks: z.array(z.object({ reportId: z.string(), recordId: z.string() })),
});
export type RecordsSection = z.infer<typeof recordsSectionSchema>;
