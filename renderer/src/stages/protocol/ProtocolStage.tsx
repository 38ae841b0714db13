import { useCallback, useMemo } from 'react';
import {
  SEARCH_COUNT_LABELS,
  searchCountIssues,
  type OutcomeDomain,
  type PlannedAnalysis,
  type PlannedOutcome,
  type Protocol,
  type SearchCounts,
  type TimepointCategory,
} from '@grove/shared';
import { useClient } from '../../api/client.ts';
import { useConfirm } from '../../components/confirm.tsx';
import { LinesField, NumberField, SelectField, TextField } from '../../components/fields.tsx';
import { ItemList } from '../../components/ItemList.tsx';
import { StageHeader } from '../../components/StageHeader.tsx';
import { useSectionForm, type SectionForm } from '../../data/useSectionForm.ts';
import { queryKeys } from '../../data/query-keys.ts';
import {
  PROTOCOL_SECTION_LABELS,
  validateProtocolSection,
  validateSearchCount,
  type ProtocolKey,
  type SearchCountKey,
} from './validate.ts';

// The Protocol stage: every protocol field, autosaved section by section.

const SECTIONS = [
  { id: 'protocol-review', label: 'Review' },
  { id: 'protocol-pico', label: 'PICO' },
  { id: 'protocol-eligibility', label: 'Eligibility criteria' },
  { id: 'protocol-searches', label: 'Searches' },
  { id: 'protocol-prisma', label: 'PRISMA counts' },
  { id: 'protocol-domains', label: 'Outcome domains' },
  { id: 'protocol-outcomes', label: 'Planned outcomes' },
  { id: 'protocol-timepoints', label: 'Timepoint categories' },
  { id: 'protocol-analyses', label: 'Planned analyses' },
  { id: 'protocol-conventions', label: 'Analysis conventions' },
  { id: 'protocol-methods', label: 'Methods' },
] as const;

const SELECTION_LABELS: Record<TimepointCategory['selection'], string> = {
  'end-of-treatment': 'End of treatment',
  'nearest-not-exceeding-bound': 'Nearest to the upper bound, not beyond it',
  longest: 'Longest follow-up in the window',
  manual: 'Chosen by hand for each study',
};

function Section(props: { id: string; title: string; intro?: string; children: React.ReactNode }) {
  return (
    <section className="card" id={props.id} aria-labelledby={`${props.id}-h`}>
      <h2 id={`${props.id}-h`} className="card__title">
        {props.title}
      </h2>
      {props.intro ? <p className="card__intro">{props.intro}</p> : null}
      {props.children}
    </section>
  );
}

export function ProtocolStage() {
  const client = useClient();
  const confirm = useConfirm();

  const protocol = useSectionForm<Protocol>({
    scope: 'protocol',
    queryKey: queryKeys.protocol,
    load: useCallback(() => client.call('protocol.get', {}), [client]),
    save: (patch) => client.call('protocol.update', { patch }),
    validate: validateProtocolSection,
    groups: [['outcomeDomains', 'plannedOutcomes']],
    label: (k) => PROTOCOL_SECTION_LABELS[k],
  });
  const counts = useSectionForm<SearchCounts>({
    scope: 'searchCounts',
    queryKey: queryKeys.searchCounts,
    load: useCallback(() => client.call('searchCounts.get', {}), [client]),
    save: (patch) => client.call('searchCounts.update', { patch }),
    validate: validateSearchCount,
    label: (k) => SEARCH_COUNT_LABELS[k],
  });

  const p = protocol.draft;
  if (protocol.loadError) {
    return (
      <div className="stage">
        <StageHeader title="Protocol" />
        <p className="notice notice--error" role="alert">
          The protocol could not be loaded: {protocol.loadError}
        </p>
      </div>
    );
  }
  if (!p) {
    return (
      <div className="stage">
        <StageHeader title="Protocol" />
        <p className="muted" role="status">
          Loading the protocol…
        </p>
      </div>
    );
  }

  const set = <K extends ProtocolKey>(key: K, value: Protocol[K]) => protocol.update({ [key]: value } as Partial<Protocol>);
  const err = protocol.issueAt;
  const flush = () => void protocol.flush();

  return (
    <div className="stage stage--protocol">
      <StageHeader title="Protocol">
        <p>
          What the review will do, fixed before looking at results. Changes save automatically a moment after you stop typing; the status
          bar shows when they are saved.
        </p>
      </StageHeader>
      <div className="protocol-layout">
        <nav className="toc" aria-label="Protocol sections">
          <p className="toc__title">On this page</p>
          <ul>
            {SECTIONS.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`} onClick={(e) => jumpTo(e, s.id)}>
                  {s.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <form className="protocol-form" onSubmit={(e) => e.preventDefault()} onBlur={flush} aria-label="Protocol" noValidate>
          <Section id="protocol-review" title="Review">
            <TextField label="Title" value={p.title} onChange={(v) => set('title', v)} error={err('title')} required />
            <TextField
              label="Registration"
              hint="The protocol's registration, e.g. PROSPERO CRD42019145217."
              value={p.registration}
              onChange={(v) => set('registration', v)}
              error={err('registration')}
            />
            <TextField
              label="Review question"
              multiline
              rows={3}
              value={p.question}
              onChange={(v) => set('question', v)}
              error={err('question')}
            />
          </Section>

          <Section id="protocol-pico" title="PICO" intro="Population, intervention, comparator and outcomes of the review question.">
            <div className="grid-2">
              {(
                [
                  ['population', 'Population'],
                  ['intervention', 'Intervention'],
                  ['comparator', 'Comparator'],
                  ['outcomes', 'Outcomes'],
                ] as const
              ).map(([k, label]) => (
                <TextField
                  key={k}
                  label={label}
                  multiline
                  rows={3}
                  value={p.pico[k]}
                  onChange={(v) => set('pico', { ...p.pico, [k]: v })}
                  error={err(`pico.${k}`)}
                />
              ))}
            </div>
          </Section>

          <Section id="protocol-eligibility" title="Eligibility criteria" intro="Criteria for including studies in the review.">
            {(
              [
                ['studyDesign', 'Types of studies'],
                ['participants', 'Types of participants'],
                ['interventions', 'Types of interventions'],
                ['comparators', 'Comparators'],
                ['outcomes', 'Types of outcome measures'],
                ['other', 'Other criteria'],
              ] as const
            ).map(([k, label]) => (
              <TextField
                key={k}
                label={label}
                multiline
                rows={3}
                value={p.eligibility[k]}
                onChange={(v) => set('eligibility', { ...p.eligibility, [k]: v })}
                error={err(`eligibility.${k}`)}
              />
            ))}
          </Section>

          <Section id="protocol-searches" title="Searches" intro="Where and when you searched for studies.">
            <div className="grid-2">
              <LinesField
                label="Databases"
                hint="One database per line, e.g. MEDLINE (Ovid)."
                rows={4}
                value={p.searches.databases}
                onChange={(v) => set('searches', { ...p.searches, databases: v })}
                error={err('searches.databases')}
              />
              <LinesField
                label="Other search methods"
                hint="One per line, e.g. reference lists, trial registers."
                rows={4}
                value={p.searches.otherMethods}
                onChange={(v) => set('searches', { ...p.searches, otherMethods: v })}
                error={err('searches.otherMethods')}
              />
              <TextField
                label="Searched from"
                hint="Start of the search period, e.g. database inception."
                value={p.searches.searchedFrom}
                onChange={(v) => set('searches', { ...p.searches, searchedFrom: v })}
                error={err('searches.searchedFrom')}
              />
              <TextField
                label="Date of last search"
                hint="YYYY-MM-DD; leave empty until the search has been run."
                placeholder="YYYY-MM-DD"
                value={p.searches.searchDate}
                onChange={(v) => set('searches', { ...p.searches, searchDate: v.trim() as Protocol['searches']['searchDate'] })}
                error={err('searches.searchDate')}
              />
            </div>
          </Section>

          <PrismaCounts counts={counts} />

          <OutcomeSections p={p} set={set} err={err} confirm={confirm} update={protocol.update} />

          <Section
            id="protocol-timepoints"
            title="Timepoint categories"
            intro="Windows of follow-up after the end of treatment, in weeks, and which measurement to take when a study reports several."
          >
            <ItemList<TimepointCategory>
              items={p.timepointCategories}
              onChange={(v) => set('timepointCategories', v)}
              max={20}
              create={() => ({
                id: crypto.randomUUID(),
                name: '',
                definition: '',
                afterWeeksMin: null,
                afterWeeksMax: null,
                selection: 'nearest-not-exceeding-bound',
              })}
              itemLabel={(t, i) => `Timepoint ${i + 1}${t.name.trim() ? `: ${t.name.trim()}` : ''}`}
              addLabel="Add timepoint category"
              emptyText="No timepoint categories yet."
              render={(t, i, patch) => (
                <>
                  <div className="grid-2">
                    <TextField
                      label="Name"
                      value={t.name}
                      onChange={(v) => patch({ name: v })}
                      error={err(`timepointCategories.${i}.name`)}
                    />
                    <SelectField
                      label="When a study reports several timepoints, use"
                      value={t.selection}
                      options={Object.entries(SELECTION_LABELS).map(([value, label]) => ({
                        value: value as TimepointCategory['selection'],
                        label,
                      }))}
                      onChange={(v) => patch({ selection: v })}
                      error={err(`timepointCategories.${i}.selection`)}
                    />
                    <NumberField
                      label="From (weeks after treatment, exclusive)"
                      hint="Empty means open."
                      nullable
                      value={t.afterWeeksMin}
                      onChange={(v) => patch({ afterWeeksMin: v })}
                      error={err(`timepointCategories.${i}.afterWeeksMin`)}
                      suffix="weeks"
                    />
                    <NumberField
                      label="To (weeks after treatment, inclusive)"
                      hint="Empty means open."
                      nullable
                      value={t.afterWeeksMax}
                      onChange={(v) => patch({ afterWeeksMax: v })}
                      error={err(`timepointCategories.${i}.afterWeeksMax`)}
                      suffix="weeks"
                    />
                  </div>
                  <TextField
                    label="Definition"
                    multiline
                    rows={2}
                    value={t.definition}
                    onChange={(v) => patch({ definition: v })}
                    error={err(`timepointCategories.${i}.definition`)}
                  />
                </>
              )}
            />
          </Section>

          <PlannedAnalyses p={p} set={set} err={err} />

          <Section id="protocol-conventions" title="Analysis conventions" intro="Defaults the analyses will follow.">
            <Conventions p={p} set={set} err={err} />
          </Section>

          <Section id="protocol-methods" title="Methods" intro="How the review team will carry out each step.">
            {(
              [
                ['screening', 'Selection of studies'],
                ['dataExtraction', 'Data extraction and management'],
                ['riskOfBias', 'Assessment of risk of bias'],
                ['synthesis', 'Data synthesis'],
              ] as const
            ).map(([k, label]) => (
              <TextField
                key={k}
                label={label}
                multiline
                rows={4}
                value={p.methods[k]}
                onChange={(v) => set('methods', { ...p.methods, [k]: v })}
                error={err(`methods.${k}`)}
              />
            ))}
          </Section>
        </form>
      </div>
    </div>
  );
}

function jumpTo(e: React.MouseEvent, id: string) {
  e.preventDefault();
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView?.({ block: 'start' });
  const first = el.querySelector<HTMLElement>('input, textarea, select, button');
  first?.focus({ preventScroll: true });
}

type SetFn = <K extends ProtocolKey>(key: K, value: Protocol[K]) => void;
type ErrFn = (path: string) => string | undefined;

function PrismaCounts({ counts }: { counts: SectionForm<SearchCounts> }) {
  const c = counts.draft;
  const warnings = useMemo(() => {
    if (!c) return [];
    const clean = Object.values(c).some((v) => v !== null && Number.isNaN(v)) ? null : c;
    return clean ? searchCountIssues(clean) : [];
  }, [c]);
  return (
    <Section
      id="protocol-prisma"
      title="PRISMA counts"
      intro="Numbers for the PRISMA 2020 flow diagram. Leave a count empty while it is not known; empty is not zero."
    >
      {counts.loadError ? <p className="notice notice--error">The counts could not be loaded: {counts.loadError}</p> : null}
      {c ? (
        <form onSubmit={(e) => e.preventDefault()} onBlur={() => void counts.flush()} aria-label="PRISMA counts" noValidate>
          <div className="grid-2 grid-2--counts">
            {(Object.keys(SEARCH_COUNT_LABELS) as SearchCountKey[]).map((k) => (
              <NumberField
                key={k}
                label={SEARCH_COUNT_LABELS[k]}
                nullable
                integer
                value={c[k]}
                onChange={(v) => counts.update({ [k]: v } as Partial<SearchCounts>)}
                error={counts.issueAt(k) ?? warnings.find((w) => w.path === k)?.message}
              />
            ))}
          </div>
        </form>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </Section>
  );
}

function OutcomeSections(props: {
  p: Protocol;
  set: SetFn;
  err: ErrFn;
  confirm: ReturnType<typeof useConfirm>;
  update: (partial: Partial<Protocol>) => void;
}) {
  const { p, set, err, confirm, update } = props;
  const domainIds = new Set(p.outcomeDomains.map((d) => d.id));
  const orphans = p.plannedOutcomes.filter((o) => !domainIds.has(o.domainId));
  const domainName = (d: OutcomeDomain, i: number) => d.name.trim() || `Domain ${i + 1}`;

  /** Replace the outcomes of one domain (or the orphans) keeping the others, grouped by domain order. */
  const setOutcomesOf = (domainId: string | null, outcomes: PlannedOutcome[]) => {
    const groups = p.outcomeDomains.map((d) => (d.id === domainId ? outcomes : p.plannedOutcomes.filter((o) => o.domainId === d.id)));
    const rest = domainId === null ? outcomes : orphans;
    set('plannedOutcomes', [...groups.flat(), ...rest]);
  };
  const outcomeIndex = (o: PlannedOutcome) => p.plannedOutcomes.findIndex((x) => x.id === o.id);

  const renderOutcome = (o: PlannedOutcome, _i: number, patch: (x: Partial<PlannedOutcome>) => void) => {
    const gi = outcomeIndex(o);
    return (
      <div className="grid-3">
        <TextField label="Outcome name" value={o.name} onChange={(v) => patch({ name: v })} error={err(`plannedOutcomes.${gi}.name`)} />
        <SelectField
          label="Domain"
          value={domainIds.has(o.domainId) ? o.domainId : ''}
          options={[
            ...(domainIds.has(o.domainId) ? [] : [{ value: '', label: '— choose a domain —' }]),
            ...p.outcomeDomains.map((d, i) => ({ value: d.id, label: domainName(d, i) })),
          ]}
          onChange={(v) => {
            if (!v) return;
            set(
              'plannedOutcomes',
              p.plannedOutcomes.map((x) => (x.id === o.id ? { ...x, domainId: v } : x)),
            );
          }}
          error={err(`plannedOutcomes.${gi}.domainId`)}
        />
        <TextField
          label="Description"
          multiline
          rows={1}
          value={o.description}
          onChange={(v) => patch({ description: v })}
          error={err(`plannedOutcomes.${gi}.description`)}
        />
      </div>
    );
  };

  return (
    <>
      <Section
        id="protocol-domains"
        title="Outcome domains"
        intro="Groups of related outcomes, e.g. “Self-esteem” or “Quality of life”. Planned outcomes belong to a domain."
      >
        <ItemList<OutcomeDomain>
          items={p.outcomeDomains}
          onChange={(v) => set('outcomeDomains', v)}
          max={50}
          create={() => ({ id: crypto.randomUUID(), name: '', description: '', includes: [] })}
          itemLabel={(d, i) => `Domain ${i + 1}${d.name.trim() ? `: ${d.name.trim()}` : ''}`}
          addLabel="Add outcome domain"
          emptyText="No outcome domains yet."
          confirmRemove={async (d, i) => {
            const n = p.plannedOutcomes.filter((o) => o.domainId === d.id).length;
            if (n === 0) return true;
            return confirm({
              title: `Remove the domain “${domainName(d, i)}”?`,
              description: `Its ${n} planned outcome${n === 1 ? '' : 's'} will be removed with it. You can undo this with Undo in the status bar.`,
              confirmLabel: 'Remove domain and outcomes',
            });
          }}
          onRemove={(d) =>
            update({
              outcomeDomains: p.outcomeDomains.filter((x) => x.id !== d.id),
              plannedOutcomes: p.plannedOutcomes.filter((o) => o.domainId !== d.id),
            })
          }
          render={(d, i, patch) => (
            <>
              <TextField label="Domain name" value={d.name} onChange={(v) => patch({ name: v })} error={err(`outcomeDomains.${i}.name`)} />
              <div className="grid-2">
                <TextField
                  label="Description"
                  multiline
                  rows={3}
                  value={d.description}
                  onChange={(v) => patch({ description: v })}
                  error={err(`outcomeDomains.${i}.description`)}
                />
                <LinesField
                  label="Includes"
                  hint="Constructs the domain covers, one per line."
                  rows={3}
                  value={d.includes}
                  onChange={(v) => patch({ includes: v })}
                  error={err(`outcomeDomains.${i}.includes`)}
                />
              </div>
            </>
          )}
        />
      </Section>

      <Section id="protocol-outcomes" title="Planned outcomes" intro="The outcomes the review will analyse, grouped by domain.">
        {p.outcomeDomains.length === 0 ? (
          <p className="muted">Add an outcome domain first; planned outcomes are listed under their domain.</p>
        ) : null}
        {p.outcomeDomains.map((d, di) => {
          const mine = p.plannedOutcomes.filter((o) => o.domainId === d.id);
          return (
            <div className="outcome-group" key={d.id} role="group" aria-labelledby={`domain-${d.id}-h`}>
              <h3 className="outcome-group__title" id={`domain-${d.id}-h`}>
                {domainName(d, di)}
              </h3>
              <ItemList<PlannedOutcome>
                items={mine}
                onChange={(v) => setOutcomesOf(d.id, v)}
                max={500}
                create={() => ({ id: crypto.randomUUID(), domainId: d.id, name: '', description: '' })}
                itemLabel={(o, i) => (o.name.trim() ? o.name.trim() : `Outcome ${i + 1} in ${domainName(d, di)}`)}
                addLabel={`Add outcome to ${domainName(d, di)}`}
                emptyText="No planned outcomes in this domain yet."
                render={renderOutcome}
              />
            </div>
          );
        })}
        {orphans.length ? (
          <div className="outcome-group" role="group" aria-labelledby="domain-none-h">
            <h3 className="outcome-group__title" id="domain-none-h">
              Without a domain
            </h3>
            <ItemList<PlannedOutcome>
              items={orphans}
              onChange={(v) => setOutcomesOf(null, v)}
              create={() => ({ id: crypto.randomUUID(), domainId: p.outcomeDomains[0]?.id ?? '', name: '', description: '' })}
              itemLabel={(o, i) => (o.name.trim() ? o.name.trim() : `Outcome ${i + 1} without a domain`)}
              addLabel="Add outcome"
              addDisabledReason="Choose a domain for these outcomes."
              emptyText=""
              render={renderOutcome}
            />
          </div>
        ) : null}
      </Section>
    </>
  );
}

function PlannedAnalyses({ p, set, err }: { p: Protocol; set: SetFn; err: ErrFn }) {
  const kinds = [
    { kind: 'subgroup', title: 'Subgroup analyses', add: 'Add subgroup analysis', noun: 'Subgroup analysis' },
    { kind: 'sensitivity', title: 'Sensitivity analyses', add: 'Add sensitivity analysis', noun: 'Sensitivity analysis' },
  ] as const;
  const setKind = (kind: PlannedAnalysis['kind'], items: PlannedAnalysis[]) => {
    const others = p.plannedAnalyses.filter((a) => a.kind !== kind);
    set('plannedAnalyses', kind === 'subgroup' ? [...items, ...others] : [...others, ...items]);
  };
  return (
    <Section id="protocol-analyses" title="Planned analyses" intro="Subgroup and sensitivity analyses planned in advance.">
      {kinds.map((k) => (
        <div className="outcome-group" key={k.kind} role="group" aria-labelledby={`analyses-${k.kind}-h`}>
          <h3 className="outcome-group__title" id={`analyses-${k.kind}-h`}>
            {k.title}
          </h3>
          <ItemList<PlannedAnalysis>
            items={p.plannedAnalyses.filter((a) => a.kind === k.kind)}
            onChange={(v) => setKind(k.kind, v)}
            create={() => ({ id: crypto.randomUUID(), kind: k.kind, name: '', description: '' })}
            itemLabel={(a, i) => `${k.noun} ${i + 1}${a.name.trim() ? `: ${a.name.trim()}` : ''}`}
            addLabel={k.add}
            emptyText={`No ${k.title.toLowerCase()} planned.`}
            render={(a, _i, patch) => {
              const gi = p.plannedAnalyses.findIndex((x) => x.id === a.id);
              return (
                <>
                  <TextField label="Name" value={a.name} onChange={(v) => patch({ name: v })} error={err(`plannedAnalyses.${gi}.name`)} />
                  <TextField
                    label="Description"
                    multiline
                    rows={2}
                    value={a.description}
                    onChange={(v) => patch({ description: v })}
                    error={err(`plannedAnalyses.${gi}.description`)}
                  />
                </>
              );
            }}
          />
        </div>
      ))}
    </Section>
  );
}

function Conventions({ p, set, err }: { p: Protocol; set: SetFn; err: ErrFn }) {
  const c = p.conventions;
  const put = (patch: Partial<Protocol['conventions']>) => set('conventions', { ...c, ...patch });
  return (
    <div className="grid-2">
      <SelectField
        label="Conventions preset"
        value={c.preset}
        options={[
          { value: 'revman5', label: 'RevMan 5' },
          { value: 'cochrane2025', label: 'Cochrane 2025' },
        ]}
        onChange={(v) => put({ preset: v })}
        error={err('conventions.preset')}
      />
      <SelectField
        label="Meta-analysis model"
        value={c.model}
        options={[
          { value: 'random', label: 'Random effects' },
          { value: 'fixed', label: 'Fixed effect' },
        ]}
        onChange={(v) => put({ model: v })}
        error={err('conventions.model')}
      />
      <NumberField
        label="Fewest studies for a meta-analysis"
        hint="With fewer studies, the synthesis is narrative."
        integer
        value={c.minStudiesForMetaAnalysis}
        onChange={(v) => put({ minStudiesForMetaAnalysis: v ?? Number.NaN })}
        error={err('conventions.minStudiesForMetaAnalysis')}
      />
      <NumberField
        label="Fewest studies for a funnel plot"
        hint="Funnel plots and small-study tests are offered from this many studies."
        integer
        value={c.funnelPlotMinStudies}
        onChange={(v) => put({ funnelPlotMinStudies: v ?? Number.NaN })}
        error={err('conventions.funnelPlotMinStudies')}
      />
      <TextField
        label="Continuous outcomes: measure rule"
        className="span-2"
        multiline
        rows={2}
        value={c.continuousMeasureRule}
        onChange={(v) => put({ continuousMeasureRule: v })}
        error={err('conventions.continuousMeasureRule')}
      />
      <NumberField
        label="Substantial heterogeneity from I²"
        value={c.substantialHeterogeneityI2}
        onChange={(v) => put({ substantialHeterogeneityI2: v ?? Number.NaN })}
        error={err('conventions.substantialHeterogeneityI2')}
        suffix="%"
      />
      <div className="field-row span-2" role="group" aria-label="SMD thresholds">
        <NumberField
          label="SMD: small"
          value={c.smdSmall}
          onChange={(v) => put({ smdSmall: v ?? Number.NaN })}
          error={err('conventions.smdSmall')}
        />
        <NumberField
          label="SMD: medium"
          value={c.smdMedium}
          onChange={(v) => put({ smdMedium: v ?? Number.NaN })}
          error={err('conventions.smdMedium')}
        />
        <NumberField
          label="SMD: large"
          value={c.smdLarge}
          onChange={(v) => put({ smdLarge: v ?? Number.NaN })}
          error={err('conventions.smdLarge')}
        />
      </div>
    </div>
  );
}
