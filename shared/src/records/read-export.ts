import { detectFormat, FORMAT_NAMES, type ExportFormat } from './detect-format.ts';
import { finishRecord } from './finish-record.ts';
import { createBibtexTokeniser } from './formats/bibtex.ts';
import { createCsvTokeniser } from './formats/csv.ts';
import { describeColumns, type ColumnChoices, type CsvField } from './formats/csv-columns.ts';
import { createEndnoteXmlTokeniser } from './formats/endnote-xml.ts';
import { createMedlineTokeniser } from './formats/medline.ts';
import { createRisTokeniser } from './formats/ris.ts';
import { createWosTokeniser } from './formats/wos.ts';
import { ExportRefusedError, type BibRecord, type ExportTokeniser, type RecordProblem, type RecordSink } from './record.ts';

// Reads one export, fed as text chunks by whoever holds the bytes (the Node reader in cli/, a
// browser File later). The format is detected from the first chunk unless forced. The result
// is all-or-nothing per file: `end()` either returns every record with the skipped ones listed,
// or throws ExportFileRefused and nothing from the file may be kept.

export interface ExportReadResult {
  file: string;
  format: ExportFormat;
  records: BibRecord[];
  /** Records that could not be parsed: skipped, each with its line. */
  skipped: RecordProblem[];
  /** Accepted with a remark (e.g. a last record without its end tag). */
  warnings: RecordProblem[];
  /** For CSV: the header row and which column each field was read from (the wizard's mapping step). */
  csv?: CsvColumns;
}

export interface CsvColumns {
  headers: string[];
  columns: Record<CsvField, string | null>;
}

/** A file refused whole: not what it claims or structurally broken. */
export class ExportFileRefused extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
    /** For a CSV refused after its header was read: the header and mapping, so the reviewer can map it. */
    readonly csv?: CsvColumns,
  ) {
    super(`${file}, line ${line}: ${reason}`);
    this.name = 'ExportFileRefused';
  }
}

export interface ExportReaderOptions {
  format?: ExportFormat;
  /** For CSV: the header of the column holding record ids. */
  idField?: string;
  /** For CSV: the reviewer's column choices over the automatic mapping. */
  columns?: ColumnChoices;
}

/** How many characters the reader waits for before detecting the format. */
const DETECT_SAMPLE = 16_384;

export class ExportReader {
  private tokeniser: ExportTokeniser | null = null;
  private format: ExportFormat | null;
  private pending = '';
  private ordinal = 0;
  private readonly records: BibRecord[] = [];
  private readonly skipped: RecordProblem[] = [];
  private readonly warnings: RecordProblem[] = [];
  private sawText = false;
  private csv: CsvColumns | undefined;

  constructor(
    readonly file: string,
    private readonly options: ExportReaderOptions = {},
  ) {
    this.format = options.format ?? null;
  }

  push(text: string): void {
    if (text.length === 0) return;
    if (/\S/.test(text)) this.sawText = true;
    if (!this.tokeniser) {
      this.pending += text;
      if (this.pending.length < DETECT_SAMPLE) return;
      this.start();
      return;
    }
    this.guard(() => this.tokeniser!.push(text));
  }

  end(): ExportReadResult {
    if (!this.sawText) throw new ExportFileRefused(this.file, 1, 'the file is empty');
    if (!this.tokeniser) this.start();
    this.guard(() => this.tokeniser!.end());
    if (this.records.length === 0 && this.skipped.length === 0) {
      throw new ExportFileRefused(this.file, 1, `no ${FORMAT_NAMES[this.format!]} records in the file`);
    }
    const result: ExportReadResult = {
      file: this.file,
      format: this.format!,
      records: this.records,
      skipped: this.skipped,
      warnings: this.warnings,
    };
    if (this.csv) result.csv = this.csv;
    return result;
  }

  private start(): void {
    const text = this.pending;
    this.pending = '';
    if (!this.format) {
      // CSV has no signature: a header of unknown names is still a CSV when the file says so.
      const detected = detectFormat(text) ?? (/\.(csv|tsv)$/i.test(this.file) ? 'csv' : null);
      if (!detected)
        throw new ExportFileRefused(
          this.file,
          1,
          'not a recognised export (RIS, PubMed/MEDLINE, Web of Science, EndNote XML, BibTeX or CSV); use --format to say which it is',
        );
      this.format = detected;
    }
    this.tokeniser = this.createTokeniser(this.format);
    this.guard(() => this.tokeniser!.push(text));
  }

  private createTokeniser(format: ExportFormat): ExportTokeniser {
    const sink: RecordSink = {
      record: (draft, line, raw) => {
        this.ordinal++;
        this.records.push(finishRecord(draft, `${this.file}:${this.ordinal}`, this.file, line, raw));
      },
      skipped: (line, message) => {
        this.ordinal++;
        this.skipped.push({ file: this.file, line, message });
      },
      warning: (line, message) => this.warnings.push({ file: this.file, line, message }),
    };
    switch (format) {
      case 'ris':
        return createRisTokeniser(sink);
      case 'medline':
        return createMedlineTokeniser(sink);
      case 'wos':
        return createWosTokeniser(sink);
      case 'endnote-xml':
        return createEndnoteXmlTokeniser(sink);
      case 'bibtex':
        return createBibtexTokeniser(sink);
      case 'csv':
        return createCsvTokeniser(sink, {
          idField: this.options.idField,
          columns: this.options.columns,
          onHeader: (headers, map) => (this.csv = { headers, columns: describeColumns(map, headers) }),
        });
    }
  }

  private guard(action: () => void): void {
    try {
      action();
    } catch (err) {
      if (err instanceof ExportRefusedError) throw new ExportFileRefused(this.file, err.line, err.reason, this.csv);
      throw err;
    }
  }
}

/** Reads a whole export held in memory (tests, small files): the same path as the streaming reader. */
export function readExportText(file: string, text: string, options: ExportReaderOptions = {}): ExportReadResult {
  const reader = new ExportReader(file, options);
  reader.push(text);
  return reader.end();
}
