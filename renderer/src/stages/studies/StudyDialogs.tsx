import { useEffect, useRef, useState } from 'react';
import {
  emptyReportFields,
  emptyStudyFields,
  reportFieldsSchema,
  studyFieldsSchema,
  type Report,
  type ReportFields,
  type Study,
  type StudyFields,
} from '@grove/shared';
import { errorMessage, issuesOf } from '../../api/client.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { useAppStore } from '../../store/app.ts';
import { errorsOf, focusFirstInvalid, ReportFieldsForm, StudyFieldsForm, type Errors } from './forms.tsx';

// The dialogs that add or edit a study (with its first reports) and a report.

export type StudyDialogState = { mode: 'add' } | { mode: 'edit'; study: Study } | null;

export type ReportDialogState = { mode: 'add'; study: Study } | { mode: 'edit'; study: Study; report: Report } | null;

export interface DraftReport extends ReportFields {
  readonly key: string;
}

export function StudyDialog(props: {
  state: NonNullable<StudyDialogState>;
  onClose: () => void;
  onSaved: (s: Study) => void | Promise<void>;
}) {
  const store = useAppStore();
  const adding = props.state.mode === 'add';
  const initial = props.state.mode === 'edit' ? props.state.study : null;
  const [fields, setFields] = useState<StudyFields>(() =>
    initial
      ? { label: initial.label, status: initial.status, identifiers: initial.identifiers, notes: initial.notes }
      : emptyStudyFields(''),
  );
  const [reports, setReports] = useState<DraftReport[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [showErrors, setShowErrors] = useState(false);
  const bodyRef = useRef<HTMLFormElement>(null);
  const focusReport = useRef<string | null>(null);

  const validate = (f: StudyFields, rs: readonly DraftReport[]) => {
    const e: Record<string, string> = errorsOf(studyFieldsSchema, f);
    rs.forEach((r, i) => {
      const { key: _key, ...rest } = r;
      Object.assign(e, errorsOf(reportFieldsSchema, rest, `reports.${i}`));
    });
    return e;
  };
  // Once the user has tried to save, messages follow every keystroke.
  useEffect(() => {
    if (showErrors) setErrors(validate(fields, reports));
  }, [fields, reports, showErrors]);

  useEffect(() => {
    if (!focusReport.current) return;
    const el = bodyRef.current?.querySelector<HTMLElement>(
      `[data-report-key="${focusReport.current}"] textarea, [data-report-key="${focusReport.current}"] input`,
    );
    focusReport.current = null;
    el?.focus();
  });

  const submit = async () => {
    const e = validate(fields, reports);
    setShowErrors(true);
    setErrors(e);
    if (Object.keys(e).length) {
      setFailure('Some fields need attention before the study can be saved.');
      focusFirstInvalid(bodyRef.current);
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const study =
        props.state.mode === 'add'
          ? await store
              .getState()
              .mutate((c) => c.call('studies.create', { study: fields, reports: reports.map(({ key: _k, ...r }) => r) }))
          : await store
              .getState()
              .mutate((c) => c.call('studies.update', { id: (props.state as { study: Study }).study.id, patch: fields }));
      await props.onSaved(study);
    } catch (err) {
      const issues = issuesOf(err);
      if (issues.length) {
        const mapped: Record<string, string> = {};
        for (const i of issues) mapped[i.path] ??= i.message;
        setErrors(mapped);
        focusFirstInvalid(bodyRef.current);
      }
      setFailure(`Not saved: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onOpenChange={(o) => (o ? undefined : props.onClose())}
      title={adding ? 'Add study' : `Edit study “${initial?.label}”`}
      description={adding ? 'Name the study and add the reports about it. You can add more reports later.' : undefined}
      wide={adding}
      footer={
        <>
          {failure ? (
            <p className="dialog__failure" role="alert">
              {failure}
            </p>
          ) : null}
          <button type="button" className="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" form="study-form" className="button button--primary" disabled={busy}>
            {busy ? 'Saving…' : adding ? 'Add study' : 'Save changes'}
          </button>
        </>
      }
    >
      <form
        id="study-form"
        ref={bodyRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <StudyFieldsForm value={fields} onChange={setFields} errors={errors} autoFocus />
        {adding ? (
          <fieldset className="reports-fieldset">
            <legend>Reports</legend>
            {reports.length === 0 ? <p className="muted">No reports yet. A study usually has at least one.</p> : null}
            {reports.map((r, i) => (
              <div className="item-card" key={r.key} data-report-key={r.key} role="group" aria-label={`Report ${i + 1}`}>
                <div className="item-card__head">
                  <span className="item-card__title">Report {i + 1}</span>
                  <button
                    type="button"
                    className="button button--small button--quiet-danger"
                    aria-label={`Remove report ${i + 1}`}
                    onClick={() => setReports(reports.filter((x) => x.key !== r.key))}
                  >
                    Remove
                  </button>
                </div>
                <div className="item-card__body">
                  <ReportFieldsForm
                    value={r}
                    prefix={`reports.${i}`}
                    errors={errors}
                    onChange={(v) => setReports(reports.map((x) => (x.key === r.key ? { ...v, key: r.key } : x)))}
                  />
                </div>
              </div>
            ))}
            <button
              type="button"
              className="button"
              onClick={() => {
                const key = crypto.randomUUID();
                focusReport.current = key;
                setReports([...reports, { ...emptyReportFields(), isPrimary: reports.length === 0, key }]);
              }}
            >
              + Add report
            </button>
          </fieldset>
        ) : null}
      </form>
    </Dialog>
  );
}

export function ReportDialog(props: { state: NonNullable<ReportDialogState>; onClose: () => void; onSaved: () => void | Promise<void> }) {
  const store = useAppStore();
  const { state } = props;
  const [fields, setFields] = useState<ReportFields>(() => {
    if (state.mode === 'add') return { ...emptyReportFields(), isPrimary: state.study.reports.length === 0 };
    const { id: _i, studyId: _s, createdAt: _c, updatedAt: _u, ...rest } = state.report;
    return rest;
  });
  const [errors, setErrors] = useState<Errors>({});
  const [showErrors, setShowErrors] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const bodyRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (showErrors) setErrors(errorsOf(reportFieldsSchema, fields));
  }, [fields, showErrors]);

  const submit = async () => {
    const e = errorsOf(reportFieldsSchema, fields);
    setShowErrors(true);
    setErrors(e);
    if (Object.keys(e).length) {
      setFailure('Some fields need attention before the report can be saved.');
      focusFirstInvalid(bodyRef.current);
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      if (state.mode === 'add') await store.getState().mutate((c) => c.call('reports.create', { studyId: state.study.id, report: fields }));
      else await store.getState().mutate((c) => c.call('reports.update', { id: state.report.id, patch: fields }));
      await props.onSaved();
    } catch (err) {
      const issues = issuesOf(err);
      if (issues.length) {
        const mapped: Record<string, string> = {};
        for (const i of issues) mapped[i.path] ??= i.message;
        setErrors(mapped);
        focusFirstInvalid(bodyRef.current);
      }
      setFailure(`Not saved: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onOpenChange={(o) => (o ? undefined : props.onClose())}
      title={state.mode === 'add' ? `Add a report to ${state.study.label}` : `Edit report of ${state.study.label}`}
      wide
      footer={
        <>
          {failure ? (
            <p className="dialog__failure" role="alert">
              {failure}
            </p>
          ) : null}
          <button type="button" className="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" form="report-form" className="button button--primary" disabled={busy}>
            {busy ? 'Saving…' : state.mode === 'add' ? 'Add report' : 'Save changes'}
          </button>
        </>
      }
    >
      <form
        id="report-form"
        ref={bodyRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <ReportFieldsForm value={fields} onChange={setFields} errors={errors} autoFocus />
      </form>
    </Dialog>
  );
}
