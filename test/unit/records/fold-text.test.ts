import { describe, expect, it } from 'vitest';
import { finishRecord, type BibRecord, type RecordDraft } from '@grove/shared/records/index';
import { compareRecords, normaliseRecord } from '@grove/shared/records/dedup/index';
import { foldText } from '@grove/shared/records/dedup/fold-text';

// What exports do to the same words — HTML entities, markup, Greek letters as symbols or
// spelled out, letters without their stroke or accent — folds away before records are
// compared; a different word (another Greek letter, another number) still differs.

describe('folding text for comparison', () => {
  it('decodes named and numeric HTML entities and drops markup, but not a comparison sign', () => {
    expect(foldText('TNF-&alpha; and &lt;i&gt;IL-6&lt;/i&gt; in &#946;-cells &#x2013; a trial')).toBe(
      foldText('TNF-alpha and <i>IL-6</i> in beta-cells: a trial'),
    );
    expect(foldText('Effect of &quot;nudges&quot; on uptake')).toBe('effect of nudges on uptake');
    expect(foldText('Outcomes when p < 0.05 and n > 3')).toBe('outcomes when p 0 05 and n 3');
    // Text that only looks like an entity without its semicolon is text ("R&D", "&not" in a word).
    expect(foldText('R&D costs &notably')).toBe('r and d costs and notably');
  });

  it('spells out a Greek letter standing alone as its own word, and leaves Greek words Greek', () => {
    expect(foldText('TNFα and β-catenin in µg doses')).toBe('tnf alpha and beta catenin in mu g doses');
    expect(foldText('TNF-alpha and beta-catenin in μg doses')).toBe('tnf alpha and beta catenin in mu g doses');
    expect(foldText('Η ελληνική γλώσσα')).toBe('eta ελληνικη γλωσσα');
  });

  it('drops accents and strokes alike, including letters Unicode does not decompose', () => {
    expect(foldText('Søren Łukaszewicz Groß Œuvre Æsop Đorđević')).toBe('soren lukaszewicz gross oeuvre aesop dordevic');
    expect(foldText('Müller-Lyer & Ångström')).toBe('muller lyer and angstrom');
  });
});

let n = 0;
function rec(draft: RecordDraft): BibRecord {
  n++;
  return finishRecord({ ...draft, doiCandidates: [] }, `f${n}`, 'test', n, '');
}

const base: RecordDraft = {
  kind: 'journal-article',
  title: 'Anti-TNF-α therapy and β-cell function in type 1 diabetes: a randomised trial',
  authors: ['Sørensen, Jørgen', 'Łukaszewicz, Paweł'],
  year: 2016,
  journal: 'Diabetologia',
  volume: '59',
  pages: '1020-1028',
};

const outcome = (a: BibRecord, b: BibRecord) => compareRecords(normaliseRecord(a), normaliseRecord(b));

describe('records exported with entities, spelled-out Greek and stripped letters', () => {
  it('merge as the same title and authors', () => {
    const a = rec(base);
    const b = rec({
      ...base,
      title: 'Anti-TNF-&alpha; therapy and &#946;-cell function in type 1 diabetes &ndash; a randomised trial',
      authors: ['Sorensen, Jorgen', 'Lukaszewicz, Pawel'],
    });
    const c = rec({
      ...base,
      title: 'Anti-TNF-alpha therapy and beta-cell function in type 1 diabetes: a randomised trial',
      authors: ['Sorensen J', 'Lukaszewicz P'],
    });
    expect(outcome(a, b)).toMatchObject({ outcome: 'duplicate', reason: 'same title, authors and year' });
    expect(outcome(a, c)).toMatchObject({ outcome: 'duplicate', reason: 'same title, authors and year' });
    expect(outcome(a, b).evidence.find((e) => e.field === 'authors')?.verdict).toBe('match');
  });

  it('but another Greek letter or type is another work', () => {
    const a = rec(base);
    const gamma = rec({
      ...base,
      title: 'Anti-TNF-α therapy and γ-cell function in type 1 diabetes: a randomised trial',
      pages: '1029-1036',
    });
    expect(outcome(a, gamma).outcome).not.toBe('duplicate');
    const type2 = rec({
      ...base,
      title: 'Anti-TNF-α therapy and β-cell function in type 2 diabetes: a randomised trial',
      pages: '1037-1045',
    });
    expect(outcome(a, type2).outcome).not.toBe('duplicate');
  });
});
