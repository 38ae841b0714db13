import { useId } from 'react';
import type { RobDoubleAssessment, RobSettings, StudyRob } from '@grove/shared';
import { ReviewerSelect } from '../../components/ReviewerSelect.tsx';
import {
  ROB1_DOMAINS,
  ROB1_JUDGEMENT_LABELS,
  rob1Entry,
  type Rob1DomainId,
  type Rob1GroupableDomainEntry,
  type Rob1Judgement,
} from '@grove/shared/rob/index';
import { agreementSentence, formatKappa, formatPercent, kappaText } from '@grove/shared/agreement/index';
import { errorMessage } from '../../api/client.ts';
import { useApp, useAppStore } from '../../store/app.ts';
import { firstError, useApiQuery, useReviewerList } from '../../data/queries.ts';
import { queryKeys } from '../../data/query-keys.ts';
import { useQueryClient } from '@tanstack/react-query';
import { useRobDouble } from '../../store/review-prefs.ts';
import { Rob1Grid } from './Rob1Grid.tsx';

// The second reviewer of risk of bias (the seed: "A random sample of 10% of studies were
// assessed by the second reviewer"). The sample is drawn by the backend from the review's
// share and seed; the second reviewer judges the sampled studies in their own slot with the
// same grid; disagreements with the first assessment are listed with both judgements and
// resolved into the review's (final) judgements; agreement is reported as % agreement,
// Cohen's κ with its 95% CI and PABAK (shared/src/agreement).

const domainLabel = (id: Rob1DomainId) => ROB1_DOMAINS.find((d) => d.id === id)?.shortLabel ?? id;
const jLabel = (j: Rob1Judgement | null) => (j ? ROB1_JUDGEMENT_LABELS[j] : 'not judged');

export function SecondReviewer(props: { settings: RobSettings; finalRows: StudyRob[]; onFinalChanged: () => void }) {
  const store = useAppStore();
  const reviewers = useReviewerList();
  const me = useApp((s) => s.reviewerId);
  const [prefs, setPrefs] = useRobDouble();
  const queryClient = useQueryClient();
  const id = `sr${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const second = prefs.second && prefs.second !== prefs.first ? prefs.second : null;
  const name = (slot: string) =>
    slot === 'final' ? 'the main judgements' : (reviewers.find((r) => r.id === slot)?.name ?? 'a former reviewer');

  // Both read the judgements (final and slots), so any RoB change refreshes them.
  const doubleQuery = useApiQuery(
    [...queryKeys.robDouble, prefs.first, second],
    'rob.double',
    { firstSlot: prefs.first, secondSlot: second ?? '' },
    { enabled: !!second },
  );
  const secondKey = [...queryKeys.rob, 'slot', second] as const;
  const rowsQuery = useApiQuery(secondKey, 'rob.list', { slot: second ?? '' }, { enabled: !!second });
  const double: RobDoubleAssessment | null = doubleQuery.data ?? null;
  const secondRows = rowsQuery.data ?? null;
  const failure = firstError(doubleQuery, rowsQuery);
  const loadError = failure ? errorMessage(failure) : null;
  const load = () => void queryClient.invalidateQueries({ queryKey: queryKeys.robDouble });

  const resolve = async (studyId: string, domain: Rob1DomainId, group: string | null, judgement: Rob1Judgement) => {
    const row = props.finalRows.find((r) => r.studyId === studyId);
    if (!row) return;
    const current = rob1Entry(row.assessment, domain);
    let entry: Rob1GroupableDomainEntry;
    if (group !== null && current.level === 'outcome-group') {
      const has = current.groups.some((g) => g.outcomeGroup === group);
      entry = {
        level: 'outcome-group',
        groups: has
          ? current.groups.map((g) => (g.outcomeGroup === group ? { ...g, judgement } : g))
          : [...current.groups, { outcomeGroup: group, judgement, support: '' }],
      };
    } else entry = { level: 'study', judgement, support: current.level === 'study' ? current.support : '' };
    try {
      await store.getState().mutate((c) => c.call('rob.setDomain', { studyId, domain, entry }));
      props.onFinalChanged();
    } catch (err) {
      store.getState().pushToast({ title: 'The judgement was not saved', description: errorMessage(err), tone: 'error' });
    }
  };

  const included = props.finalRows.length;
  const pctText = formatPercent(props.settings.secondReviewerFraction * 100).replace('.0%', '%');
  const labelOf = (studyId: string) => props.finalRows.find((r) => r.studyId === studyId)?.label ?? studyId;
  const finalOf = (studyId: string, domain: Rob1DomainId, group: string | null): Rob1Judgement | null => {
    const row = props.finalRows.find((r) => r.studyId === studyId);
    if (!row) return null;
    const e = rob1Entry(row.assessment, domain);
    if (e.level === 'study') return e.judgement;
    return e.groups.find((g) => g.outcomeGroup === group)?.judgement ?? null;
  };

  const sampleRows =
    double && secondRows
      ? secondRows.filter(
          (r) =>
            double.sample.includes(r.studyId) ||
            ROB1_DOMAINS.some((d) => {
              const e = rob1Entry(r.assessment, d.id);
              return e.level === 'outcome-group' || e.judgement !== null;
            }),
        )
      : null;

  return (
    <section className="card second-reviewer" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="card__title">
        Second reviewer
      </h2>
      <p className="card__intro">
        A second reviewer assesses a random {pctText} of the included studies independently (share and seed in the settings); their
        judgements are compared domain by domain with the first assessment, and each disagreement is resolved into the review’s judgements.
      </p>
      <div className="second-reviewer__pick">
        <ReviewerSelect
          id={`${id}-first`}
          label="First assessment"
          reviewers={reviewers}
          value={prefs.first}
          onChange={(first) => setPrefs({ first })}
          lead={[{ value: 'final', label: 'Main judgements (the grid above)' }]}
          disabledId={prefs.second}
          nameOf={(r) => `${r.name}’s own judgements`}
        />
        <ReviewerSelect
          id={`${id}-second`}
          label="Second reviewer"
          reviewers={reviewers}
          value={prefs.second ?? ''}
          onChange={(second) => setPrefs({ second: second || null })}
          empty="— choose —"
          disabledId={prefs.first}
        />
        {reviewers.length === 0 ? (
          <button type="button" className="button button--small" onClick={() => store.getState().setReviewerDialogOpen(true)}>
            Add a reviewer…
          </button>
        ) : null}
      </div>
      {prefs.first === 'final' && second ? (
        <p className="field__hint">
          Resolving a disagreement changes the main judgements, which are also the first assessment here: note the agreement below before
          resolving, or compare against the first reviewer’s own judgements.
        </p>
      ) : null}

      {!second ? (
        <p className="muted">Choose the second reviewer to see their sample.</p>
      ) : loadError ? (
        <p className="notice notice--error" role="alert">
          The second reviewer’s assessment could not be loaded: {loadError}
        </p>
      ) : !double || !sampleRows ? (
        <p className="muted" role="status">
          Drawing the sample…
        </p>
      ) : (
        <>
          <h3 className="second-reviewer__sub">Sample</h3>
          <p>
            A random sample of {pctText} of studies ({double.sample.length} of {included}, seed {props.settings.sampleSeed}) is assessed by{' '}
            {name(second)}:
          </p>
          <ul className="second-reviewer__sample" aria-label="Studies in the sample">
            {double.sample.map((sid) => {
              const done = double.comparison.cells.filter((c) => c.itemId === sid && c.second !== null).length;
              return (
                <li key={sid}>
                  {labelOf(sid)}{' '}
                  <span className="muted">
                    ({done} of {ROB1_DOMAINS.length} domains judged)
                  </span>
                </li>
              );
            })}
          </ul>
          {me !== second ? (
            <p className="field__hint">
              You are working as {me ? name(me) : 'nobody'}; the grid below records {name(second)}’s judgements.{' '}
              <button
                type="button"
                className="button button--small button--ghost"
                onClick={() => void store.getState().setReviewer(second)}
              >
                Work as {name(second)}
              </button>
            </p>
          ) : null}
          <Rob1Grid
            rows={sampleRows}
            rowsKey={secondKey}
            reload={load}
            onChanged={load}
            settings={props.settings}
            slot={second}
            gridLabel={`${name(second)}’s judgements of the sampled studies`}
            headingId={`${id}-grid`}
            title={`${name(second)}’s judgements`}
            emptyText="No included studies to sample yet."
          />

          <h3 className="second-reviewer__sub">Agreement</h3>
          <div data-testid="agreement" className="agreement">
            <p>
              <strong>Domain judgements:</strong> {agreementSentence(double.comparison.agreement, 'domain judgements', 'domain judgement')}
              {double.comparison.incomplete.length ? (
                <span className="muted"> ({double.comparison.incomplete.length} not yet judged by both.)</span>
              ) : null}
            </p>
            <p>
              <strong>Overall judgements:</strong> {agreementSentence(double.comparison.overall, 'studies', 'study')}
            </p>
            <details>
              <summary>By domain</summary>
              <table className="agreement__table">
                <thead>
                  <tr>
                    <th scope="col">Domain</th>
                    <th scope="col">Judged by both</th>
                    <th scope="col">Agreement</th>
                    <th scope="col">Cohen’s κ (95% CI)</th>
                    <th scope="col">PABAK</th>
                  </tr>
                </thead>
                <tbody>
                  {ROB1_DOMAINS.map((d) => {
                    const a = double.comparison.byDomain[d.id];
                    return (
                      <tr key={d.id}>
                        <th scope="row">{d.shortLabel}</th>
                        <td>{a.n}</td>
                        <td>{a.percentAgreement === null ? '—' : formatPercent(a.percentAgreement)}</td>
                        <td>{kappaText(a)}</td>
                        <td>{a.pabak === null ? '—' : formatKappa(a.pabak)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </details>
          </div>

          <h3 className="second-reviewer__sub">Disagreements ({double.comparison.disagreements.length})</h3>
          {double.comparison.disagreements.length === 0 ? (
            <p className="muted">No disagreements.</p>
          ) : (
            <table className="disagreements" aria-label="Disagreements">
              <thead>
                <tr>
                  <th scope="col">Study</th>
                  <th scope="col">Domain</th>
                  <th scope="col">First: {name(prefs.first)}</th>
                  <th scope="col">Second: {name(second)}</th>
                  <th scope="col">Review’s judgement</th>
                  <th scope="col">Resolve</th>
                </tr>
              </thead>
              <tbody>
                {double.comparison.disagreements.map((c) => {
                  const fin = finalOf(c.itemId, c.domain, c.outcomeGroup);
                  const where = `${labelOf(c.itemId)}, ${domainLabel(c.domain)}${c.outcomeGroup ? ` (${c.outcomeGroup})` : ''}`;
                  return (
                    <tr key={`${c.itemId}-${c.domain}-${c.outcomeGroup ?? ''}`}>
                      <th scope="row">{labelOf(c.itemId)}</th>
                      <td>
                        {domainLabel(c.domain)}
                        {c.outcomeGroup ? <span className="muted"> ({c.outcomeGroup})</span> : null}
                      </td>
                      <td>
                        <span className={`jtag jtag--${c.first}`}>{jLabel(c.first)}</span>
                      </td>
                      <td>
                        <span className={`jtag jtag--${c.second}`}>{jLabel(c.second)}</span>
                      </td>
                      <td>{jLabel(fin)}</td>
                      <td className="button-row">
                        <button
                          type="button"
                          className="button button--small"
                          aria-pressed={fin === c.first}
                          aria-label={`Use first: ${jLabel(c.first)} for ${where}`}
                          onClick={() => c.first && void resolve(c.itemId, c.domain, c.outcomeGroup, c.first)}
                        >
                          Use first
                        </button>
                        <button
                          type="button"
                          className="button button--small"
                          aria-pressed={fin === c.second}
                          aria-label={`Use second: ${jLabel(c.second)} for ${where}`}
                          onClick={() => c.second && void resolve(c.itemId, c.domain, c.outcomeGroup, c.second)}
                        >
                          Use second
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
