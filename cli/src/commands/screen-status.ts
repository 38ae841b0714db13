import { inProcessClient, type ScreeningStatus } from '@grove/shared';
import { formatKappa, formatKappaCi } from '@grove/shared/agreement/index';
import { createBackend } from '../../../db/src/backend.ts';
import { CliError } from '../cli-error.ts';

// `grove screen status FILE.grove [--json]`: the review's screening per stage, read from
// one snapshot without writing (the API's screening.status, printed as it is).

export async function screenStatus(file: string): Promise<ScreeningStatus> {
  if (!file.endsWith('.grove')) throw new CliError(`grove screen status reads a review file (FILE.grove), not ${file}.`, 2);
  const backend = createBackend({ host: 'in-process' });
  backend.openFile(file, { forReading: true });
  try {
    return await inProcessClient(backend).call('screening.status', {});
  } finally {
    backend.closeFile();
  }
}

const STAGE_TITLE = { 'title-abstract': 'Title and abstract', 'full-text': 'Full text' } as const;

export function statusText(status: ScreeningStatus): string {
  const lines: string[] = [];
  for (const s of status.stages) {
    lines.push(`${STAGE_TITLE[s.stage]}: ${s.records} record${s.records === 1 ? '' : 's'}`);
    if (s.stage === 'full-text') lines.push(`  not retrieved: ${s.notRetrieved}`);
    const reviewers = Object.entries(s.decisions);
    if (reviewers.length === 0) lines.push('  no decisions yet');
    for (const [name, c] of reviewers) lines.push(`  ${name}: ${c.include} include, ${c.exclude} exclude, ${c.maybe} maybe`);
    lines.push(`  conflicts: ${s.conflicts} open, ${s.resolved} resolved`);
    if (s.agreement === null) lines.push('  agreement: no record decided by two reviewers yet');
    else {
      const kappa = s.kappa === null ? 'κ undefined (one category throughout)' : `κ ${formatKappa(s.kappa)}`;
      const ci = s.kappaCi ? ` (${formatKappaCi(s.kappaCi)})` : '';
      lines.push(`  agreement: ${s.agreement.toFixed(1)}%, ${kappa}${ci}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
