import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { type Report, type ReportFields, type Study, type StudyDependents } from '@grove/shared';
import { errorMessage, useClient } from '../../api/client.ts';
import { fetchApiQuery, useStudies } from '../../data/queries.ts';
import { queryKeys } from '../../data/query-keys.ts';
import { useConfirm } from '../../components/confirm.tsx';
import { StageHeader } from '../../components/StageHeader.tsx';
import { Tabs } from '../../components/Tabs.tsx';
import { CharacteristicsTab } from './CharacteristicsTab.tsx';
import { FormDesigner } from './FormDesigner.tsx';
import { OutcomeDataTab } from './OutcomeDataTab.tsx';
import { useApp, useAppStore } from '../../store/app.ts';
import { STATUS_LABELS } from './forms.tsx';
import { StudyList } from './StudyList.tsx';
import { deleteStudyText } from './delete-study-text.ts';
import { type StudyDialogState, type ReportDialogState, StudyDialog, ReportDialog } from './StudyDialogs.tsx';
import { IncludedStudiesBanner } from '../screening/fulltext/IncludedStudiesBanner.tsx';
import './studies.css';

// The Studies stage: the studies in the review, each with the reports about it.
// Add/edit happen in dialogs; deleting asks first and offers Undo afterwards.

function shortcutLabel(): string {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘N' : 'Ctrl+N';
}

export function reportCitation(r: ReportFields): string {
  const who = r.authors.trim();
  if (!who) return r.year !== null ? String(r.year) : 'Authors not recorded';
  return `${who}${r.year !== null ? ` (${r.year})` : ''}`;
}

/** What to call a report: its title, else how the review cites it. */
export function reportName(r: ReportFields): string {
  if (r.title.trim()) return r.title.trim();
  if (r.citation.trim()) return `Reference ${r.citation.trim()}`;
  return reportCitation(r);
}

export function StudiesStage() {
  const store = useAppStore();
  const confirm = useConfirm();
  const selectedId = useApp((s) => s.selectedStudyId);
  const newStudyRequest = useApp((s) => s.newStudyRequest);
  const view = useApp((s) => s.studiesView);
  const studyTab = useApp((s) => s.studyTab);
  const dataTab = studyTab !== 'reports';
  const queryClient = useQueryClient();
  const client = useClient();
  const studiesQuery = useStudies();
  const studies = studiesQuery.data ?? null;
  const loadError = studiesQuery.error ? errorMessage(studiesQuery.error) : null;
  const [studyDialog, setStudyDialog] = useState<StudyDialogState>(null);
  const [reportDialog, setReportDialog] = useState<ReportDialogState>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const detailRef = useRef<HTMLHeadingElement>(null);
  const seenRequest = useRef(newStudyRequest);

  /** The studies as the cache has them: a change awaited through `mutate` has refreshed them. */
  const current = () => queryClient.getQueryData<Study[]>(queryKeys.studies) ?? null;

  useEffect(() => {
    if (newStudyRequest !== seenRequest.current) {
      seenRequest.current = newStudyRequest;
      store.setState({ studiesView: 'studies' });
      setStudyDialog({ mode: 'add' });
    }
  }, [newStudyRequest, store]);

  const select = (id: string | null) => store.setState({ selectedStudyId: id });
  const selected = studies?.find((s) => s.id === selectedId) ?? studies?.[0] ?? null;

  const undoToastFor = async (what: string) => {
    const label = store.getState().history?.undoLabel ?? null;
    store.getState().pushToast({
      title: what,
      description: 'You can undo this.',
      action: {
        label: 'Undo',
        run: async () => {
          const now = store.getState().history;
          if (label !== null && now?.undoLabel !== label) {
            store.getState().pushToast({
              title: 'Not undone',
              description: `A later change is now the last one${now?.undoLabel ? ` (${now.undoLabel})` : ''}. Use Undo in the status bar to undo it first.`,
              tone: 'error',
            });
            return;
          }
          await store.getState().undo();
        },
      },
    });
  };

  const deleteStudy = async (study: Study) => {
    let dependents: StudyDependents | null = null;
    try {
      dependents = await fetchApiQuery(queryClient, client, queryKeys.studyDependents(study.id), 'studies.dependents', { id: study.id });
    } catch {
      // The dialog still asks; it names what it could not count.
    }
    const ok = await confirm({
      title: `Delete the study “${study.label}”?`,
      description: <p>{deleteStudyText(dependents)}</p>,
      confirmLabel: 'Delete study',
    });
    if (!ok) return;
    try {
      await store.getState().mutate((c) => c.call('studies.delete', { id: study.id }));
    } catch (err) {
      store.getState().pushToast({ title: 'The study was not deleted', description: errorMessage(err), tone: 'error' });
      return;
    }
    const list = current();
    const idx = studies?.findIndex((s) => s.id === study.id) ?? -1;
    const next = list?.[Math.min(Math.max(idx, 0), (list?.length ?? 1) - 1)] ?? null;
    select(next?.id ?? null);
    await undoToastFor(`Deleted study “${study.label}”`);
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>('[aria-current="true"], button.study-row')?.focus());
  };

  const deleteReport = async (study: Study, report: Report) => {
    const ok = await confirm({
      title: 'Delete this report?',
      description: (
        <p>
          “{reportName(report)}” will be removed from {study.label}. You can undo this straight afterwards.
        </p>
      ),
      confirmLabel: 'Delete report',
    });
    if (!ok) return;
    try {
      await store.getState().mutate((c) => c.call('reports.delete', { id: report.id }));
    } catch (err) {
      store.getState().pushToast({ title: 'The report was not deleted', description: errorMessage(err), tone: 'error' });
      return;
    }
    await undoToastFor(`Deleted a report of “${study.label}”`);
    requestAnimationFrame(() => detailRef.current?.focus());
  };

  return (
    <div className={`stage stage--studies${dataTab || view === 'form' ? ' is-wide' : ''}`}>
      <StageHeader
        title="Studies & data"
        actions={
          <button
            type="button"
            className="button button--primary"
            onClick={() => setStudyDialog({ mode: 'add' })}
            aria-keyshortcuts="Control+N"
          >
            + Add study <kbd>{shortcutLabel()}</kbd>
          </button>
        }
      >
        <p>
          Each study is one unit of analysis; its reports are the publications, register entries or theses about it. Extract each study’s
          characteristics and outcome data in its tabs; design the extraction form under “Extraction form”.
        </p>
      </StageHeader>
      <IncludedStudiesBanner />

      <Tabs
        label="Studies & data views"
        className="tabs--stage"
        tabs={[
          { id: 'studies', label: 'Studies' },
          { id: 'form', label: 'Extraction form' },
        ]}
        value={view}
        onChange={(v) => store.setState({ studiesView: v })}
      >
        {view === 'form' ? <FormDesigner /> : null}
        {view === 'studies' ? (
          <>
            {loadError ? (
              <p className="notice notice--error" role="alert">
                The studies could not be loaded: {loadError}
              </p>
            ) : null}
            {studies === null && !loadError ? (
              <p className="muted" role="status">
                Loading studies…
              </p>
            ) : null}

            {studies ? (
              <div className={`split${dataTab ? ' split--data' : ''}`}>
                <div className="split__list card card--flush" ref={listRef}>
                  <h2 className="visually-hidden">Study list</h2>
                  {studies.length === 0 ? (
                    <p className="empty">
                      No studies yet. Add the first with <strong>Add study</strong> ({shortcutLabel()}).
                    </p>
                  ) : (
                    <StudyList
                      studies={studies}
                      selectedId={selected?.id ?? null}
                      onSelect={select}
                      onDelete={(st) => void deleteStudy(st)}
                    />
                  )}
                </div>

                <div className="split__detail">
                  {selected ? (
                    <StudyDetail
                      study={selected}
                      headingRef={detailRef}
                      onEdit={() => setStudyDialog({ mode: 'edit', study: selected })}
                      onDelete={() => void deleteStudy(selected)}
                      onAddReport={() => setReportDialog({ mode: 'add', study: selected })}
                      onEditReport={(r) => setReportDialog({ mode: 'edit', study: selected, report: r })}
                      onDeleteReport={(r) => void deleteReport(selected, r)}
                    />
                  ) : (
                    <div className="card empty">Select a study to see its reports.</div>
                  )}
                </div>
              </div>
            ) : null}
          </>
        ) : null}
      </Tabs>

      {studyDialog ? (
        <StudyDialog
          state={studyDialog}
          onClose={() => setStudyDialog(null)}
          onSaved={async (study) => {
            setStudyDialog(null);
            select(study.id);
            requestAnimationFrame(() => detailRef.current?.focus());
          }}
        />
      ) : null}
      {reportDialog ? (
        <ReportDialog
          state={reportDialog}
          onClose={() => setReportDialog(null)}
          onSaved={async () => {
            setReportDialog(null);
          }}
        />
      ) : null}
    </div>
  );
}

function StudyDetail(props: {
  study: Study;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  onEdit: () => void;
  onDelete: () => void;
  onAddReport: () => void;
  onEditReport: (r: Report) => void;
  onDeleteReport: (r: Report) => void;
}) {
  const store = useAppStore();
  const tab = useApp((s) => s.studyTab);
  const { study: s } = props;
  return (
    <article className="card study-detail" aria-labelledby="study-detail-h">
      <div className="study-detail__head">
        <div>
          <h2 id="study-detail-h" ref={props.headingRef} tabIndex={-1} className="card__title">
            {s.label}
          </h2>
          <span className={`badge badge--${s.status}`}>{STATUS_LABELS[s.status]}</span>
        </div>
        <div className="button-row">
          <button type="button" className="button" onClick={props.onEdit}>
            Edit study
          </button>
          <button type="button" className="button button--quiet-danger" onClick={props.onDelete}>
            Delete study…
          </button>
        </div>
      </div>
      <Tabs
        label={`${s.label}: data`}
        tabs={[
          { id: 'reports', label: `Reports (${s.reports.length})` },
          { id: 'characteristics', label: 'Characteristics' },
          { id: 'outcomes', label: 'Outcome data' },
        ]}
        value={tab}
        onChange={(t) => store.setState({ studyTab: t })}
      >
        {tab === 'reports' ? <ReportsTab {...props} /> : null}
        {tab === 'characteristics' ? (
          <CharacteristicsTab key={s.id} study={s} onOpenForm={() => store.setState({ studiesView: 'form' })} />
        ) : null}
        {tab === 'outcomes' ? <OutcomeDataTab key={s.id} study={s} /> : null}
      </Tabs>
    </article>
  );
}

function ReportsTab(props: {
  study: Study;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  onEdit: () => void;
  onDelete: () => void;
  onAddReport: () => void;
  onEditReport: (r: Report) => void;
  onDeleteReport: (r: Report) => void;
}) {
  const { study: s } = props;
  return (
    <div className="reports-tab">
      <dl className="facts">
        <dt>Identifiers</dt>
        <dd>{s.identifiers || <span className="muted">None recorded</span>}</dd>
        <dt>Notes</dt>
        <dd className="prewrap">{s.notes || <span className="muted">None</span>}</dd>
      </dl>

      <div className="reports-head">
        <h3>Reports ({s.reports.length})</h3>
        <button type="button" className="button" onClick={props.onAddReport}>
          + Add report
        </button>
      </div>
      {s.reports.length === 0 ? <p className="muted">No reports yet.</p> : null}
      <ul className="report-list">
        {s.reports.map((r) => (
          <li key={r.id} className="report">
            <div className="report__main">
              <p className="report__title">
                {r.title ? r.title : <span className="report__untitled">{reportName(r)}</span>}
                {r.isPrimary ? <span className="badge badge--primary">Primary</span> : null}
              </p>
              <p className="report__meta">
                {reportCitation(r)}
                {r.journal ? <>. {r.journal}</> : null}
                {r.citation && r.title ? <> · Ref. {r.citation}</> : null}
              </p>
              {r.doi || r.pmid ? (
                <p className="report__ids">
                  {r.doi ? <span>DOI {r.doi}</span> : null}
                  {r.pmid ? <span>PMID {r.pmid}</span> : null}
                </p>
              ) : null}
            </div>
            <div className="button-row">
              <button
                type="button"
                className="button button--small"
                aria-label={`Edit report ${reportName(r)}`}
                onClick={() => props.onEditReport(r)}
              >
                Edit
              </button>
              <button
                type="button"
                className="button button--small button--quiet-danger"
                aria-label={`Delete report ${reportName(r)}`}
                onClick={() => props.onDeleteReport(r)}
              >
                Delete…
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
