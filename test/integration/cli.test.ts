import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGrove } from '../support/run-cli.ts';
import { LATEST_SCHEMA_VERSION } from '../../db/src/migrations/index.ts';
import { tempDir } from '../support/temp.ts';

// The grove command as a user runs it: real processes, real files.

const { dir, cleanup } = tempDir('grove-cli-');
afterAll(cleanup);
const at = (name: string) => path.join(dir, name);

describe('grove CLI', () => {
  it('writes the example review and reports its counts as JSON', () => {
    const made = runGrove(['example', at('example.grove')]);
    expect(made.status).toBe(0);
    const info = runGrove(['info', at('example.grove'), '--json']);
    expect(info.status).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ schemaVersion: LATEST_SCHEMA_VERSION, studies: 8, reports: 11, reviewers: 0 });
  });

  it('export then new --from reproduces the example review exactly', () => {
    runGrove(['example', at('rt.grove')]);
    const first = runGrove(['export', at('rt.grove'), '--json', '-o', at('rt.json')]);
    expect(first.status).toBe(0);
    const made = runGrove(['new', at('rt-copy.grove'), '--from', at('rt.json')]);
    expect(made.status).toBe(0);
    const second = runGrove(['export', at('rt-copy.grove'), '--json']);
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(fs.readFileSync(at('rt.json'), 'utf8'));
    // And from standard input.
    const fromStdin = runGrove(['new', at('rt-stdin.grove'), '--from', '-'], { input: second.stdout });
    expect(fromStdin.status).toBe(0);
    expect(runGrove(['export', at('rt-stdin.grove'), '--json']).stdout).toBe(second.stdout);
  });

  it.each([
    ['a text file', 'notes.txt', 'These are my notes.\n', /is not a Grove review/],
    ['an empty file', 'empty.grove', '', /is empty, not a Grove review/],
  ])('info on %s exits non-zero naming the file', (_l, name, content, message) => {
    fs.writeFileSync(at(name), content);
    const r = runGrove(['info', at(name), '--json']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain(at(name));
    expect(r.stdout).toBe('');
  });

  it('info on a truncated review exits non-zero naming the file', () => {
    runGrove(['example', at('whole.grove')]);
    fs.writeFileSync(at('truncated.grove'), fs.readFileSync(at('whole.grove')).subarray(0, 8192));
    const r = runGrove(['info', at('truncated.grove')]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(at('truncated.grove'));
    expect(r.stderr).toMatch(/truncated|cannot be read/);
  });

  it('info on a missing file exits non-zero', () => {
    const r = runGrove(['info', at('nope.grove')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${at('nope.grove')} does not exist`);
  });

  it('new refuses to overwrite, and new --from refuses a bad document without leaving a file', () => {
    fs.writeFileSync(at('taken.grove'), 'x');
    const r = runGrove(['new', at('taken.grove')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/already exists/);
    fs.writeFileSync(at('bad.json'), '{"format": "grove-review", "formatVersion": 1}');
    const bad = runGrove(['new', at('from-bad.grove'), '--from', at('bad.json')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('bad.json is not a valid Grove review document');
    expect(fs.existsSync(at('from-bad.grove'))).toBe(false);
    fs.writeFileSync(at('broken.json'), '{"format": ');
    const broken = runGrove(['new', at('from-broken.grove'), '--from', at('broken.json')]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/broken\.json is not valid JSON/);
  });

  it('every command has --help', () => {
    for (const cmd of ['new', 'info', 'export', 'example', 'serve', 'start', 'meta', 'report']) {
      const r = runGrove([cmd, '--help']);
      expect(r.status, cmd).toBe(0);
      expect(r.stdout).toContain(`Usage: grove ${cmd}`);
    }
    expect(runGrove(['--help']).stdout).toContain('Commands:');
  });

  it('unknown commands and missing arguments are usage errors (exit 2)', () => {
    expect(runGrove(['frobnicate']).status).toBe(2);
    expect(runGrove(['info']).status).toBe(2);
    expect(runGrove(['export', at('example.grove')]).status).toBe(2);
  });

  it('report renders Table 1 and Table 2 headless, and refuses bad options', () => {
    runGrove(['example', at('report.grove')]);
    const csv = runGrove(['report', at('report.grove'), '--table1', '--format', 'csv']);
    expect(csv.status).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toBe(
      'Study ID,Intervention category,Country,N,Diagnoses,Sex % F,"Ethnicity, % BAME",Age,Employed %',
    );
    expect(csv.stdout).toContain('Rüsch 2014; [61],Peer support group: anti-stigma,Switzerland,100');
    const docx = runGrove(['report', at('report.grove'), '--table1', '--format', 'docx', '-o', at('t1.docx')]);
    expect(docx.status).toBe(0);
    expect(fs.readFileSync(at('t1.docx')).subarray(0, 2).toString()).toBe('PK');
    expect(runGrove(['report', at('report.grove'), '--table1', '--format', 'docx']).status).toBe(2);
    expect(runGrove(['report', at('report.grove'), '--table1', '--format', 'pdf']).status).toBe(2);
    expect(runGrove(['report', at('report.grove')]).stderr).toMatch(/Choose one of --table1, --table2, --sof, --forest ID or --list/);
    const t2 = runGrove(['report', at('report.grove'), '--table2']);
    expect(t2.status).toBe(0);
    expect(t2.stderr).toMatch(/Table 2 is empty/);
  });

  it('writes the Fleiss 1993 example with outcome data, lists its analysis and draws its forest plot', () => {
    expect(runGrove(['example', at('fleiss.grove'), '--dataset', 'fleiss1993']).status).toBe(0);
    const list = runGrove(['report', at('fleiss.grove'), '--list']);
    expect(list.stdout).toBe('CMP-001.01\t1.1 Medical utilisation: post-intervention: 5 studies, meta-analysis\n');
    expect(JSON.parse(runGrove(['report', at('fleiss.grove'), '--list', '--json']).stdout)).toEqual([
      {
        id: 'CMP-001.01',
        number: '1.1',
        comparison: 'Intervention versus control',
        name: 'Medical utilisation: post-intervention',
        dataType: 'continuous',
        studies: 5,
      },
    ]);
    expect(runGrove(['report', at('fleiss.grove'), '--forest', 'all', '-o', at('plots')]).status).toBe(0);
    expect(fs.readFileSync(at('plots/CMP-001.01.svg'), 'utf8')).toContain('-0.74 [-1.46, -0.02]');
    const svg = runGrove(['report', at('fleiss.grove'), '--forest', 'outcome-utilisation@timepoint-post', '--format', 'svg']);
    expect(svg.status).toBe(0);
    expect(svg.stdout.startsWith('<?xml')).toBe(true);
    for (const s of ['Davis', 'Wilson', '-0.74 [-1.46, -0.02]', 'Favours intervention']) expect(svg.stdout).toContain(s);
    const sof = runGrove(['report', at('fleiss.grove'), '--sof', '--format', 'csv']);
    expect(sof.status).toBe(0);
    expect(sof.stdout).toContain('232 (5 RCTs),Not yet rated');
    const missing = runGrove(['report', at('fleiss.grove'), '--forest', 'nope']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/There is no analysis "nope"/);
    expect(runGrove(['example', at('x.grove'), '--dataset', 'unknown']).status).toBe(2);
  });
});
