// `grove report --forest ID --rob`: risk-of-bias columns from the review's own judgements
// (RoB 1, the review's tool) beside the forest plot of a native review's outcome.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inProcessClient } from '@grove/shared';
import { createBackend } from '../../db/src/backend.ts';
import { createExampleReview } from '../../db/src/example/create-example.ts';
import { runGrove } from '../support/run-cli.ts';
import { tempDir } from '../support/temp.ts';
import { elements, parse, plotRows, svgRoot, textOf } from '../unit/forest/helpers.ts';

const { dir, cleanup } = tempDir('grove-forest-rob-');
afterAll(cleanup);

describe('grove report --forest --rob', () => {
  it("draws A–G with the review's RoB 1 judgements, and refuses --rob without --forest", async () => {
    const file = path.join(dir, 'fleiss.grove');
    createExampleReview(file, { overwrite: true, example: 'fleiss1993' }).close();
    const backend = createBackend({ host: 'in-process' });
    backend.openFile(file);
    const client = inProcessClient(backend);
    const davis = (await client.call('studies.list', {})).find((s) => s.label === 'Davis')!;
    await client.call('rob.setDomain', {
      studyId: davis.id,
      domain: 'sequenceGeneration',
      entry: { level: 'study', judgement: 'high', support: 'Alternation' },
    });
    backend.closeFile();

    const run = runGrove(['report', file, '--forest', 'CMP-001.01', '--rob']);
    expect(run.status, run.stderr).toBe(0);
    const row = plotRows(svgRoot(parse(run.stdout))).find((r) => r.texts[0] === 'Davis')!;
    const titles = elements(row.node, 'title').map(textOf);
    expect(titles).toHaveLength(7);
    expect(titles[0]).toBe('Davis — (A) Random sequence generation (selection bias): High risk');
    expect(titles[1]).toMatch(/Not judged$/);
    expect(runGrove(['report', file, '--forest', 'CMP-001.01']).stdout).not.toContain('Risk of Bias');
    expect(runGrove(['report', file, '--list', '--rob']).stderr).toMatch(/--rob goes with --forest/);
  });
});
