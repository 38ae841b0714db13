import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupTemp, exampleCopy, launchBrowser, newReview, startServe } from '../e2e/support/harness.ts';
import { findCorpus } from '../conformance/support/corpus.ts';
import { GROVE_BIN, REPO_ROOT, tempDir } from '../support/temp.ts';

// The screenshot tour of issue 12: every stage of four reviews a first-time reviewer meets
// (the seed example, the Fleiss example, a new empty review and an imported Cochrane review),
// each at 1440 × 900, as PNGs in OUT_DIR, for a person to look at. Not a test: it asserts
// nothing; it is how we look at what a reviewer sees first on each stage.
//
//   npm run build:renderer && node cli/bin/run-ts.js test/tour/screenshot-tour.ts OUT_DIR

const STAGES = [
  ['Alt+1', 'protocol'],
  ['Alt+2', 'records'],
  ['Alt+3', 'screening'],
  ['Alt+4', 'studies'],
  ['Alt+5', 'risk-of-bias'],
  ['Alt+6', 'analyses'],
  ['Alt+7', 'reports'],
] as const;

async function importedCorpusReview(): Promise<string | null> {
  const corpus = findCorpus();
  if (!corpus) return null;
  const source = path.join(corpus, 'rm5', 'CD013437StatsDataOnly.rm5');
  if (!fs.existsSync(source)) return null;
  const { dir } = tempDir('grove-tour-');
  const file = path.join(dir, 'imported.grove');
  const run = spawnSync(process.execPath, [GROVE_BIN, 'new', file, '--from', source], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`grove new --from ${source} failed: ${run.stderr}`);
  return file;
}

async function tour(outDir: string): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  const reviews: Array<[string, string | null]> = [
    ['seed', await exampleCopy('peer-support')],
    ['fleiss', await exampleCopy('fleiss1993')],
    ['new', await newReview('A new review')],
    ['imported', await importedCorpusReview()],
  ];
  const browser = await launchBrowser();
  try {
    for (const [name, file] of reviews) {
      if (!file) {
        console.log(`${name}: skipped (corpus not found)`);
        continue;
      }
      const served = await startServe(file);
      try {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        await page.goto(served.url);
        await page.getByRole('navigation').first().waitFor();
        for (const [key, stage] of STAGES) {
          await page.keyboard.press(key);
          await page.waitForTimeout(1200);
          const shot = path.join(outDir, `${name}-${stage}.png`);
          await page.screenshot({ path: shot, fullPage: false });
          console.log(shot);
        }
        await page.close();
      } finally {
        await served.stop();
      }
    }
  } finally {
    await browser.close();
    cleanupTemp();
  }
}

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node cli/bin/run-ts.js test/tour/screenshot-tour.ts OUT_DIR');
  process.exit(2);
}
await tour(path.resolve(outDir));
