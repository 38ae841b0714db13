import { writeFileAtomic } from '../../../db/src/fs/atomic-write.ts';
import type { Command } from 'commander';
import { buildTable1, inProcessClient, table2AsReportTable, tableCsv, tableHtml, type ReportTable } from '@grove/shared';
import { createBackend } from '../../../db/src/backend.ts';
import { CliError } from '../cli-error.ts';
import { FOREST_FORMATS, listOutcomes, writeForest } from './report-forest.ts';
import { PRISMA_FORMATS, writePrisma } from './report-prisma.ts';
import { writeScript } from './report-script.ts';

// grove report: the printable tables, rendered headless from a review file.

const FORMATS = ['html', 'csv', 'docx'] as const;
type Format = (typeof FORMATS)[number];

async function renderTable(table: ReportTable, format: Format, paper: 'A4' | 'letter'): Promise<string | Buffer> {
  switch (format) {
    case 'html':
      return tableHtml(table, paper);
    case 'csv':
      return tableCsv(table);
    case 'docx': {
      // The Word writer is loaded only for a Word file (see shared/src/report/index.ts).
      const [{ Packer }, { tableDocx }] = await Promise.all([import('docx'), import('@grove/shared/report/table-docx')]);
      return Packer.toBuffer(tableDocx(table));
    }
  }
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'Render a printable table of a review: Table 1 (characteristics of included studies) or Table 2 (results of the main analyses).',
    )
    .argument('<file>', 'a review file')
    .option('--table1', 'Table 1, characteristics of included studies')
    .option('--table2', 'Table 2, results of the main analyses')
    .option('--sof', 'the summary-of-findings table (GRADE) of the analyses')
    .option('--forest <id>', 'the forest plot of one outcome (ids from --list), or of every outcome with "all" (-o DIRECTORY)')
    .option('--rob', "with --forest: risk-of-bias columns from the review's judgements (RoB 1 A–G or RoB 2 D1–D5 and overall)")
    .option('--prisma', 'the PRISMA 2020 flow diagram, computed from the review')
    .option('--script <id>', 'the metafor R script that reproduces one outcome (ids from --list)')
    .option('--glmm', 'with --script, for an odds-ratio outcome: add the binomial-normal GLMM (rma.glmm, beyond RevMan)')
    .option('--list', 'list every outcome with its id and number')
    .option('--json', 'with --list: the list as JSON')
    .option(
      '--format <format>',
      `output format: ${FORMATS.join(', ')} for tables (default html); ${FOREST_FORMATS.join(', ')} for forest plots (default svg); ${PRISMA_FORMATS.join(', ')} for --prisma (default svg)`,
    )
    .option('--paper <paper>', 'paper size for HTML printing: A4 or letter', 'A4')
    .option('-o, --output <out>', 'write to this file (required for docx)')
    .action(
      async (
        file: string,
        opts: {
          table1?: boolean;
          table2?: boolean;
          sof?: boolean;
          forest?: string;
          rob?: boolean;
          prisma?: boolean;
          script?: string;
          glmm?: boolean;
          list?: boolean;
          json?: boolean;
          format?: string;
          paper: string;
          output?: string;
        },
      ) => {
        const chosen = [opts.table1, opts.table2, opts.sof, opts.forest, opts.prisma, opts.script, opts.list].filter(Boolean).length;
        if (chosen !== 1)
          throw new CliError('Choose one of --table1, --table2, --sof, --forest ID or --list, or --prisma or --script ID.', 2);
        if (opts.rob && !opts.forest) throw new CliError('--rob goes with --forest.', 2);
        if (opts.glmm && !opts.script) throw new CliError('--glmm goes with --script ID.', 2);
        if (opts.list) {
          await listOutcomes(file, opts.json === true);
          return;
        }
        if (opts.json) throw new CliError('--json goes with --list.', 2);
        if (opts.script) {
          if (opts.format && opts.format !== 'r') throw new CliError(`--script writes an R script, not "${opts.format}".`, 2);
          await writeScript(file, opts.script, opts.output, { glmm: opts.glmm === true });
          return;
        }
        if (opts.prisma) {
          await writePrisma(file, opts.format ?? 'svg', opts.output);
          return;
        }
        if (opts.forest) {
          await writeForest(file, opts.forest, opts.format ?? 'svg', opts.output, { rob: opts.rob === true });
          return;
        }
        opts.format ??= 'html';
        if (!(FORMATS as readonly string[]).includes(opts.format))
          throw new CliError(`--format must be one of ${FORMATS.join(', ')}, not "${opts.format}".`, 2);
        if (opts.paper !== 'A4' && opts.paper !== 'letter') throw new CliError(`--paper must be A4 or letter, not "${opts.paper}".`, 2);
        const format = opts.format as Format;
        if (format === 'docx' && (!opts.output || opts.output === '-'))
          throw new CliError('A Word document needs a file: add -o OUT.docx.', 2);

        const backend = createBackend({ host: 'in-process' });
        backend.openFile(file, { forReading: true });
        try {
          const client = inProcessClient(backend);
          let table: ReportTable;
          if (opts.table1) {
            const [form, studies, values] = await Promise.all([
              client.call('form.get', {}),
              client.call('studies.list', {}),
              client.call('characteristics.list', {}),
            ]);
            const included = studies.filter((s) => s.status === 'included');
            table = buildTable1(
              form,
              included.map((s) => {
                const refs = s.reports.map((r) => r.citation).filter(Boolean);
                return { id: s.id, label: s.label, references: refs.length ? `[${refs.join(', ')}]` : '' };
              }),
              values,
            );
          } else if (opts.sof) {
            table = await client.call('outputs.sof', {});
            if (table.groups[0]?.rows.length === 0)
              process.stderr.write('No analysis has data yet: the summary-of-findings table is empty.\n');
          } else {
            table = table2AsReportTable(await client.call('outputs.table2', {}));
            if (table.groups.length === 0)
              process.stderr.write('No analysis has enough studies for a meta-analysis yet: Table 2 is empty.\n');
          }
          const out = await renderTable(table, format, opts.paper);
          if (opts.output && opts.output !== '-') writeFileAtomic(opts.output, out);
          else process.stdout.write(out);
        } finally {
          backend.closeFile();
        }
      },
    );
}
