import { writeFileAtomic } from '../../../db/src/fs/atomic-write.ts';
import { inProcessClient } from '@grove/shared';
import { prismaFlowCsv, prismaFlowSvg } from '@grove/shared/prisma/index';
import { createBackend } from '../../../db/src/backend.ts';
import { CliError } from '../cli-error.ts';

// grove report --prisma: the PRISMA 2020 flow diagram of a review, computed from what it
// holds, as SVG (the workbench's figure), PNG or PDF (made headlessly from that SVG, as forest
// plots are) or the PRISMA2020 app's CSV. Warnings (numbers that do not add up, hand-entered
// counts the data contradict) go to standard error; the file is written all the same.

export const PRISMA_FORMATS = ['svg', 'png', 'pdf', 'csv'] as const;
type PrismaFormat = (typeof PRISMA_FORMATS)[number];

export async function writePrisma(file: string, format: string, output: string | undefined): Promise<void> {
  if (!(PRISMA_FORMATS as readonly string[]).includes(format))
    throw new CliError(`The PRISMA flow diagram is written as ${PRISMA_FORMATS.join(', ')}, not "${format}".`, 2);
  const f = format as PrismaFormat;
  const toStdout = !output || output === '-';
  if ((f === 'png' || f === 'pdf') && toStdout) throw new CliError(`A ${f.toUpperCase()} file needs a name: add -o OUT.${f}.`, 2);
  const backend = createBackend({ host: 'in-process' });
  backend.openFile(file, { forReading: true });
  let out: string | Uint8Array;
  try {
    const { flow, checks } = await inProcessClient(backend).call('outputs.prismaFlow', {});
    for (const c of checks) process.stderr.write(`PRISMA check: ${c.message}\n`);
    if (f === 'csv') out = prismaFlowCsv(flow);
    else {
      const svg = prismaFlowSvg(flow, { xmlDeclaration: true });
      if (f === 'svg') out = svg;
      else if (f === 'png') out = await (await import('../render/svg-to-png.ts')).svgToPng(svg);
      else out = await (await import('../render/svg-to-pdf.ts')).svgToPdf(svg);
    }
  } finally {
    backend.closeFile();
  }
  if (toStdout) process.stdout.write(out);
  else writeFileAtomic(output, out);
}
