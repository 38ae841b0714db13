import { useMemo, useState } from 'react';
import { Packer } from 'docx';
import {
  buildTable1,
  table1DefaultColumns,
  table2AsReportTable,
  tableCsv,
  type DashboardEntry,
  type CharacteristicValue,
  type ExtractionForm,
  type ReportTable,
  type Study,
  type ReviewSettings,
  type Table1Column,
  type Table2,
} from '@grove/shared';
import { tableDocx } from '@grove/shared/report/table-docx';
import { errorMessage } from '../../api/client.ts';
import { firstError, useApiQuery, useForm, useStudies } from '../../data/queries.ts';
import { queryKeys } from '../../data/query-keys.ts';
import { useDashboard } from '../analyses/queries.ts';
import { downloadBlob, downloadText, fileSlug, usePrintView, type Orientation, type Paper } from '../../components/exporting.tsx';
import { StageHeader } from '../../components/StageHeader.tsx';
import { Tabs } from '../../components/Tabs.tsx';
import { useAppStore } from '../../store/app.ts';
import { useReviewSettings } from '../../store/review-prefs.ts';
import { JournalTable } from './JournalTable.tsx';
import { PrismaPanel } from './prisma/PrismaPanel.tsx';
import { AgreementReport } from './agreement/AgreementReport.tsx';
import { PaperPreview } from './PaperPreview.tsx';
import { SelectField } from '../../components/fields.tsx';
import './reports.css';

// The Reports stage: Table 1 (characteristics of included studies, columns picked from
// the extraction form), Table 2 (results of the main analyses, from the backend) and the
// draft results text, and the summary of findings (GRADE, from the backend) with its header
// (intervention, comparator, population, setting) kept in the review's settings. Each table prints alone, like a journal's table, on A4 or US Letter
// in either orientation, and exports as DOCX and CSV from the same shared table model.

type Tab = 'table1' | 'table2' | 'sof' | 'text' | 'prisma' | 'agreement';

interface Loaded {
  readonly form: ExtractionForm;
  readonly studies: Study[];
  readonly values: CharacteristicValue[];
  readonly table2: Table2;
  readonly sof: ReportTable;
  readonly analyses: DashboardEntry[];
}

function table1Studies(studies: readonly Study[]) {
  return studies
    .filter((s) => s.status === 'included')
    .map((s) => {
      const refs = s.reports.map((r) => r.citation).filter(Boolean);
      return { id: s.id, label: s.label, references: refs.length ? `[${refs.join(', ')}]` : '' };
    });
}

function TablePanel(props: { table: ReportTable; fileName: string; children?: React.ReactNode; empty?: string | null }) {
  const store = useAppStore();
  const [paper, setPaper] = useState<Paper>('A4');
  const [orientation, setOrientation] = useState<Orientation>(props.table.orientation);
  const { print, view } = usePrintView();
  const [busy, setBusy] = useState(false);
  const docx = async () => {
    setBusy(true);
    try {
      downloadBlob(`${props.fileName}.docx`, await Packer.toBlob(tableDocx({ ...props.table, orientation })));
    } catch (err) {
      store.getState().pushToast({ title: 'The Word document could not be made', description: errorMessage(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="rp-panel">
      <div className="rp-toolbar">
        <SelectField
          id={`${props.fileName}-paper`}
          label="Paper"
          value={paper}
          onChange={setPaper}
          options={[
            { value: 'A4', label: 'A4' },
            { value: 'letter', label: 'US Letter' },
          ]}
        />
        <SelectField
          id={`${props.fileName}-orient`}
          label="Orientation"
          value={orientation}
          onChange={setOrientation}
          options={[
            { value: 'portrait', label: 'Portrait' },
            { value: 'landscape', label: 'Landscape' },
          ]}
        />
        <span className="button-row rp-toolbar__actions">
          <button
            type="button"
            className="button button--small button--primary"
            onClick={() => print({ paper, orientation, content: <JournalTable table={props.table} /> })}
          >
            Print / PDF
          </button>
          <button type="button" className="button button--small" disabled={busy} onClick={() => void docx()}>
            {busy ? 'Making DOCX…' : 'Export DOCX'}
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() => downloadText(`${props.fileName}.csv`, tableCsv(props.table), 'text/csv;charset=utf-8')}
          >
            Export CSV
          </button>
        </span>
      </div>
      {props.children}
      {props.empty ? (
        <p className="notice card rp-empty" role="note">
          {props.empty}
        </p>
      ) : null}
      <PaperPreview paper={paper} orientation={orientation} label={`${props.table.title}, print preview`}>
        <JournalTable table={props.table} />
      </PaperPreview>
      {view}
    </div>
  );
}

function Table1Columns(props: { form: ExtractionForm; columns: readonly Table1Column[]; onChange: (c: Table1Column[] | null) => void }) {
  const chosen = new Set(props.columns.map((c) => c.fieldId));
  return (
    <details className="rp-columns">
      <summary>
        Columns ({props.form.fields.filter((f) => chosen.has(f.id)).length} of {props.form.fields.length} form fields)
      </summary>
      <fieldset>
        <legend className="visually-hidden">Table 1 columns</legend>
        <div className="rp-columns__list">
          {props.form.sections.map((sec) => (
            <div key={sec.id} className="rp-columns__section">
              <p className="rp-columns__title">{sec.title}</p>
              {props.form.fields
                .filter((f) => f.sectionId === sec.id)
                .map((f) => (
                  <label key={f.id} className="radio">
                    <input
                      type="checkbox"
                      checked={chosen.has(f.id)}
                      onChange={(e) =>
                        props.onChange(
                          e.target.checked ? [...props.columns, { fieldId: f.id }] : props.columns.filter((c) => c.fieldId !== f.id),
                        )
                      }
                    />
                    {f.label}
                  </label>
                ))}
            </div>
          ))}
        </div>
        <button type="button" className="button button--small button--ghost" onClick={() => props.onChange(null)}>
          Reset to the default columns
        </button>
      </fieldset>
    </details>
  );
}

function ResultsText({ analyses }: { analyses: readonly DashboardEntry[] }) {
  const store = useAppStore();
  const text = analyses.map((a) => a.sentence).join('\n\n');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      store.getState().pushToast({ title: 'Results text copied' });
    } catch {
      store.getState().pushToast({ title: 'Could not copy', description: 'Select the text and copy it with Ctrl+C.', tone: 'error' });
    }
  };
  if (analyses.length === 0)
    return (
      <p className="notice card" role="note">
        No analysis has data yet, so there is no results text to draft.
      </p>
    );
  return (
    <div className="rp-text">
      <p className="card__intro">
        One draft sentence per analysis, in the review’s wording conventions. Edit them in your manuscript; they change here when the data
        change.
      </p>
      <div className="button-row">
        <button type="button" className="button button--small button--primary" onClick={() => void copy()}>
          Copy all
        </button>
      </div>
      <ol className="rp-text__list">
        {analyses.map((a) => (
          <li key={a.id}>
            <p className="rp-text__label">
              {a.outcomeName}, {a.categoryName.toLowerCase()}
            </p>
            <p className="rp-text__sentence">{a.sentence}</p>
          </li>
        ))}
      </ol>
      <label className="field">
        <span className="field__label">All sentences, to select and copy</span>
        <textarea readOnly value={text} rows={Math.min(12, analyses.length * 3 + 1)} />
      </label>
    </div>
  );
}

const SOF_FIELDS: { key: 'sofIntervention' | 'sofComparator' | 'sofPopulation' | 'sofSetting'; label: string; hint: string }[] = [
  { key: 'sofIntervention', label: 'Intervention', hint: 'e.g. Peer support' },
  { key: 'sofComparator', label: 'Comparator', hint: 'e.g. usual care' },
  { key: 'sofPopulation', label: 'Population', hint: 'e.g. adults with severe mental illness' },
  { key: 'sofSetting', label: 'Setting (optional)', hint: 'e.g. community mental health services' },
];

/** The header of the summary of findings: "[intervention] compared to [comparator] for [population]". */
/** The summary-of-findings header; saving it invalidates the table (it reads the settings). */
function SofHeaderEditor() {
  const [settings, update] = useReviewSettings();
  const [draft, setDraft] = useState<Partial<ReviewSettings>>({});
  const commit = async (key: (typeof SOF_FIELDS)[number]['key']) => {
    const value = draft[key];
    if (value === undefined || !settings || value === settings[key]) return;
    await update({ [key]: value });
    setDraft((d) => {
      const next = { ...d };
      delete next[key];
      return next;
    });
  };
  return (
    <fieldset className="rp-sof-header" aria-describedby="rp-sof-header-hint">
      <legend className="field__label">Table header</legend>
      <p id="rp-sof-header-hint" className="field__hint">
        “[Intervention] compared to [comparator] for [population]”. Left empty, the protocol’s PICO is used when it is short. Saved when you
        leave a field.
      </p>
      <div className="rp-sof-header__fields">
        {SOF_FIELDS.map((f) => (
          <div key={f.key} className="field">
            <label className="field__label" htmlFor={`sof-${f.key}`}>
              {f.label}
            </label>
            <input
              id={`sof-${f.key}`}
              type="text"
              placeholder={f.hint}
              disabled={!settings}
              value={draft[f.key] ?? settings?.[f.key] ?? ''}
              onChange={(e) => setDraft((d) => ({ ...d, [f.key]: e.target.value }))}
              onBlur={() => void commit(f.key)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') void commit(f.key);
              }}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export function ReportsStage() {
  const [tab, setTab] = useState<Tab>('table1');
  // The columns the reviewer chose, or null for the default columns of the review's own
  // form (the seed's Table 1 for the seed example, an imported review's characteristics).
  const [chosenColumns, setColumns] = useState<Table1Column[] | null>(null);
  const formQuery = useForm();
  const studiesQuery = useStudies();
  const valuesQuery = useApiQuery(queryKeys.characteristicsOfAllStudies, 'characteristics.list', {});
  const table2Query = useApiQuery(queryKeys.table2, 'outputs.table2', {});
  const sofQuery = useApiQuery(queryKeys.summaryOfFindings, 'outputs.sof', {});
  const analysesQuery = useDashboard();
  const failure = firstError(formQuery, studiesQuery, valuesQuery, table2Query, sofQuery, analysesQuery);
  const loadError = failure ? errorMessage(failure) : null;
  const [form, studies, values, t2, sof, analyses] = [
    formQuery.data,
    studiesQuery.data,
    valuesQuery.data,
    table2Query.data,
    sofQuery.data,
    analysesQuery.data,
  ];
  const data = useMemo<Loaded | null>(
    () => (form && studies && values && t2 && sof && analyses ? { form, studies, values, table2: t2, sof, analyses } : null),
    [form, studies, values, t2, sof, analyses],
  );

  const columns = useMemo(() => chosenColumns ?? (form ? table1DefaultColumns(form) : []), [chosenColumns, form]);
  const table1 = useMemo(() => (data ? buildTable1(data.form, table1Studies(data.studies), data.values, columns) : null), [data, columns]);
  const table2 = useMemo(() => (data ? table2AsReportTable(data.table2) : null), [data]);
  const included = data ? table1Studies(data.studies).length : 0;

  return (
    <div className="stage stage--reports">
      <StageHeader title="Reports">
        <p>
          Tables and text for the review manuscript, drawn from the data as they are now. Each table prints on its own, like a journal’s.
        </p>
      </StageHeader>
      {loadError ? (
        <p className="notice notice--error card" role="alert">
          The reports could not be made: {loadError}
        </p>
      ) : null}
      {!data && !loadError ? (
        <p className="muted" role="status">
          Making the tables…
        </p>
      ) : null}
      {data && table1 && table2 ? (
        <section className="card rp-card">
          <Tabs<Tab>
            label="Reports"
            value={tab}
            onChange={setTab}
            tabs={[
              { id: 'table1', label: 'Table 1: characteristics' },
              { id: 'table2', label: 'Table 2: results' },
              { id: 'sof', label: 'Summary of findings' },
              { id: 'text', label: 'Results text' },
              { id: 'prisma', label: 'PRISMA flow diagram' },
              { id: 'agreement', label: 'Agreement' },
            ]}
          >
            {tab === 'table1' ? (
              <TablePanel
                key="table1"
                table={table1}
                fileName={fileSlug('table-1-characteristics')}
                empty={included === 0 ? 'There are no included studies yet: Table 1 has no rows.' : null}
              >
                <Table1Columns form={data.form} columns={columns} onChange={setColumns} />
              </TablePanel>
            ) : tab === 'table2' ? (
              <TablePanel
                key="table2"
                table={table2}
                fileName="table-2-results"
                empty={
                  table2.groups.length === 0
                    ? 'No analysis has enough studies for a meta-analysis yet, so Table 2 has no rows. Outcomes with fewer studies are described in the results text.'
                    : null
                }
              />
            ) : tab === 'sof' ? (
              <TablePanel
                key="sof"
                table={data.sof}
                fileName="summary-of-findings"
                empty={
                  data.sof.groups.every((g) => g.rows.length === 0)
                    ? 'No analysis has enough studies for a meta-analysis or a certainty rating yet, so the summary of findings has no rows. Rate the certainty of each analysis under Analyses.'
                    : null
                }
              >
                <SofHeaderEditor />
              </TablePanel>
            ) : tab === 'prisma' ? (
              <PrismaPanel />
            ) : tab === 'agreement' ? (
              <AgreementReport render={(table, empty) => <TablePanel key="agreement" table={table} fileName="agreement" empty={empty} />} />
            ) : (
              <ResultsText analyses={data.analyses} />
            )}
          </Tabs>
        </section>
      ) : null}
    </div>
  );
}
