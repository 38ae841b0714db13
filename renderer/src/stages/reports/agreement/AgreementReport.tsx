import type { ReactNode } from 'react';
import { agreementTable, type AgreementSection } from '@grove/shared/agreement/index';
import type { ReportTable } from '@grove/shared';
import { errorMessage } from '../../../api/client.ts';
import { useAgreementReport } from './queries.ts';

// The printable agreement report (Reports stage): per stage and sample, percent agreement,
// Cohen's κ with its 95% CI and PABAK, for the work two reviewers did independently today
// (dual extraction, double risk of bias). The table is printed and exported by the stage's
// table panel, like Table 1.

export function AgreementReport(props: { render: (table: ReportTable, empty: string | null) => ReactNode }) {
  const report = useAgreementReport();
  if (report.error)
    return (
      <p className="notice notice--error card" role="alert">
        The agreement report could not be made: {errorMessage(report.error)}
      </p>
    );
  if (report.loading)
    return (
      <p className="muted" role="status">
        Comparing the reviewers’ judgements…
      </p>
    );
  const sections: readonly AgreementSection[] = report.sections;
  return (
    <>
      {report.missing.length > 0 ? (
        <ul className="muted agreement-missing" aria-label="Stages without two reviewers">
          {report.missing.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
      {props.render(agreementTable(sections), sections.length === 0 ? 'No stage has two reviewers’ independent judgements yet.' : null)}
    </>
  );
}
