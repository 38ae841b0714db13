import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExportFileRefused } from '@grove/shared/records/index';
import { readExportFile } from '../../../db/src/records/read-export-file.ts';
import { readExports } from '../../../cli/src/commands/records.ts';

// The Node reader on real files (issue 13): encodings, and malformed input — a binary file,
// truncated XML, RIS with no ER, CSV with mismatched columns, an empty file — refused with a
// message naming file and line, and nothing of the file kept.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grove-records-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: string | Uint8Array) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};

function refusedBy(file: string): ExportFileRefused {
  try {
    readExportFile(file);
  } catch (err) {
    if (err instanceof ExportFileRefused) return err;
    throw err;
  }
  throw new Error(`${file} was not refused`);
}

describe('encodings', () => {
  it('reads UTF-8 with a BOM and CRLF, and windows-1252', () => {
    const utf8 = write('bom.ris', '\uFEFFTY  - JOUR\r\nTI  - Müller’s trial\r\nER  - \r\n');
    expect(readExportFile(utf8).records[0]!.title).toBe('Müller’s trial');
    const cp1252 = write(
      'win.ris',
      Buffer.from([...Buffer.from('TY  - JOUR\r\nTI  - M'), 0xfc, ...Buffer.from('ller'), 0x92, ...Buffer.from('s trial\r\nER  - \r\n')]),
    );
    expect(readExportFile(cp1252).records[0]!.title).toBe('Müller’s trial');
  });

  it('starts again as windows-1252 when a byte past the first chunk is not UTF-8', () => {
    // One record with a 1.2 MB abstract puts the bad byte in the second 1 MiB chunk.
    const head = `TY  - JOUR\nTI  - Plain\nAB  - ${'a'.repeat(1_200_000)}\nER  - \n`;
    const file = write(
      'late.ris',
      Buffer.concat([Buffer.from(head), Buffer.from('TY  - JOUR\nTI  - Gr'), Buffer.from([0xfc]), Buffer.from('n\nER  - \n')]),
    );
    const { records } = readExportFile(file);
    expect(records).toHaveLength(2);
    expect(records.at(-1)!.title).toBe('Grün');
  });
});

describe('malformed input is refused whole with file and line', () => {
  it('a binary file', () => {
    const file = write('scan.ris', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    expect(refusedBy(file).message).toBe('scan.ris, line 1: this is a binary file, not a text export');
  });

  it('truncated XML', () => {
    const file = write(
      'cut.xml',
      '<?xml version="1.0"?>\n<xml><records>\n<record><titles><title>One</title></titles></record>\n<record><titles><title>Tw',
    );
    const err = refusedBy(file);
    expect(err.message).toMatch(/^cut\.xml, line 4: the XML is not well-formed/);
  });

  it('RIS where no record ends with ER', () => {
    const file = write('noer.ris', 'TY  - JOUR\nTI  - One\nTY  - JOUR\nTI  - Two\n');
    expect(refusedBy(file).message).toMatch(/^noer\.ris, line 1: no record ends with an "ER {2}- " line/);
  });

  it('CSV whose rows all have the wrong number of columns', () => {
    const file = write('bad.csv', 'ID,title,year\n1,One\n2,Two\n');
    expect(refusedBy(file).message).toBe('bad.csv, line 2: every row has a different number of columns from the header (3)');
  });

  it('an empty file', () => {
    expect(refusedBy(write('empty.nbib', '')).message).toBe('empty.nbib, line 1: the file is empty');
  });

  it('keeps nothing of a refused file while keeping the others, and says which', () => {
    const good = write('good.ris', 'TY  - JOUR\nTI  - Kept\nER  - \n');
    const bad = write('bad2.xml', '<xml><records><record><title>Lost</title></record>');
    const run = readExports([good, bad], {});
    expect(run.records.map((r) => r.title)).toEqual(['Kept']);
    expect(run.refused).toBe(true);
    expect(run.errors).toEqual([
      {
        file: 'bad2.xml',
        line: 1,
        message: expect.stringMatching(/^file refused, nothing imported: the XML is not well-formed/) as string,
      },
    ]);
  });
});
