import type { Db } from '../connection.ts';

// Schema v10: full texts (PDFs) inside the review file, and study linking (issue 14).
//   - pdf_blob: a PDF, stored once per content (its SHA-256 is the key, so the same PDF
//     attached twice, or by two copies of the review, is one row); pdf_blob_chunk its bytes
//     in 1 MiB pieces, so a large PDF is written from its upload and streamed to the viewer
//     a piece at a time, never whole in memory (SQLite reads a BLOB value whole). Bytes never pass
//     through the audit log (which keeps rows as JSON): a blob is immutable and named by its
//     hash, written unaudited beside the audited attachment that refers to it, and dropped
//     by compaction once no attachment refers to it (docs/fulltext.md).
//   - pdf_attachment: a PDF attached to a record (a report) or to a study, under the file
//     name the reviewer gave. Its id is derived from (what it is attached to, the hash), so
//     two copies attaching the same PDF to the same record meet in a merge. It has no
//     foreign key to pdf_blob: undoing a detach after compaction is refused with a message
//     by a change hook (db/src/fulltext/blob-upkeep.ts) rather than by a raw constraint.
//   - study_link_rejection: a pair of records the reviewer said are not reports of one study,
//     so the suggestion never comes back (id derived from the pair: two copies rejecting it meet).
//   - report_record: reports are found by the record they came from (report.record_id, 0006).

export const version = 10;
export const name = 'full-texts-and-study-links';

export function migrate(db: Db): void {
  db.exec(`
    CREATE TABLE pdf_blob (
      sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
      size INTEGER NOT NULL CHECK (size > 0),
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE pdf_blob_chunk (
      sha256 TEXT NOT NULL REFERENCES pdf_blob (sha256),
      n INTEGER NOT NULL CHECK (n >= 0),
      data BLOB NOT NULL CHECK (length(data) > 0),
      PRIMARY KEY (sha256, n)
    ) STRICT;

    CREATE TABLE pdf_attachment (
      id TEXT PRIMARY KEY,
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      record_id TEXT REFERENCES record (id),
      study_id TEXT REFERENCES study (id),
      file_name TEXT NOT NULL CHECK (length(trim(file_name)) > 0 AND length(file_name) <= 255),
      size INTEGER NOT NULL CHECK (size > 0),
      attached_at TEXT NOT NULL,
      CHECK ((record_id IS NULL) <> (study_id IS NULL))
    ) STRICT;
    CREATE INDEX pdf_attachment_record ON pdf_attachment (record_id) WHERE record_id IS NOT NULL;
    CREATE INDEX pdf_attachment_study ON pdf_attachment (study_id) WHERE study_id IS NOT NULL;
    CREATE INDEX pdf_attachment_blob ON pdf_attachment (sha256);

    CREATE TABLE study_link_rejection (
      id TEXT PRIMARY KEY,
      record_a TEXT NOT NULL REFERENCES record (id),
      record_b TEXT NOT NULL REFERENCES record (id),
      rejected_at TEXT NOT NULL,
      CHECK (record_a < record_b),
      UNIQUE (record_a, record_b)
    ) STRICT;

    CREATE INDEX report_record ON report (record_id) WHERE record_id IS NOT NULL;
  `);
}
