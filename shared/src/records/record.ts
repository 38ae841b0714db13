// Grove's record model for one bibliographic record read from a database export (issue 13).
// Every parser maps its format onto a RecordDraft; `finishRecord` (finish-record.ts) turns a
// draft into a BibRecord with normalised identifiers, so each rule lives once.

/** What kind of publication a record describes, as far as the export says. */
export type PublicationKind = 'journal-article' | 'conference' | 'book' | 'chapter' | 'thesis' | 'preprint' | 'report' | 'other';

export interface BibRecord {
  /** The file's own record id where it has one, else `<file name>:<n>` (1-based). */
  id: string;
  /** The export file's name. */
  source: string;
  /** 1-based line where the record starts in its file. */
  line: number;
  kind: PublicationKind | null;
  title: string | null;
  /** "Last, First" (or "Last, F. M."), in the order the file gives. */
  authors: string[];
  year: number | null;
  journal: string | null;
  /** The journal's abbreviation, where the export gives one apart from the full title. */
  journalAbbrev: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  /** Lower case, without a resolver URL prefix. */
  doi: string | null;
  pmid: string | null;
  pmcid: string | null;
  /** Embase accession number (e.g. L2001234567). */
  embaseId: string | null;
  abstract: string | null;
  /** Trial registry ids found anywhere in the record's text (NCT, ISRCTN, ACTRN, DRKS, ChiCTR, EudraCT, CTRI). */
  registryIds: string[];
  /** The record's text exactly as the file has it. */
  raw: string;
}

/** What a format parser fills before normalisation; anything may be missing. */
export interface RecordDraft {
  /** The file's own id for the record (RIS ID, BibTeX key, PMID for MEDLINE, WoS UT, CSV id column). */
  ownId?: string | null;
  kind?: PublicationKind | null;
  title?: string | null;
  authors?: string[];
  year?: string | number | null;
  journal?: string | null;
  journalAbbrev?: string | null;
  volume?: string | null;
  issue?: string | null;
  startPage?: string | null;
  endPage?: string | null;
  pages?: string | null;
  /** Candidate DOI strings (a field may hold several, or a URL); the first valid one wins. */
  doiCandidates?: string[];
  pmid?: string | null;
  pmcid?: string | null;
  embaseId?: string | null;
  abstract?: string | null;
  /** Other text to search for registry ids and identifiers (keywords, notes, URLs, accession fields). */
  otherText?: string[];
}

/** A record that could not be read: skipped and listed, never silently dropped. */
export interface RecordProblem {
  file: string;
  line: number;
  message: string;
}

/** Where a streaming parser reports what it read. */
export interface RecordSink {
  record(draft: RecordDraft, line: number, raw: string): void;
  /** A single record that cannot be parsed: it is skipped and listed with its line. */
  skipped(line: number, message: string): void;
  /** Something accepted but worth telling (e.g. a last record without its end tag). */
  warning(line: number, message: string): void;
}

/** A chunk-fed tokeniser for one export format: text goes in, records go to its sink. */
export interface ExportTokeniser {
  push(text: string): void;
  /** End of input: flushes the last record and checks the file's structure. */
  end(): void;
}

/**
 * The file is not what it claims or is structurally broken: refused whole, nothing imported.
 * `line` is 1-based.
 */
export class ExportRefusedError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'ExportRefusedError';
  }
}
