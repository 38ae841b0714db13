import { useMemo } from 'react';
import { SEARCH_COUNT_LABELS, searchCountIssues, type PlannedAnalysis, type Protocol, type SearchCounts } from '@grove/shared';
import { NumberField, SelectField, TextField } from '../../components/fields.tsx';
import { ItemList } from '../../components/ItemList.tsx';
import { type SectionForm } from '../../data/useSectionForm.ts';
import { type SearchCountKey } from './validate.ts';
import { type SetFn, type ErrFn } from './fields.ts';
import { Section } from './Section.tsx';

// The protocol's planned analyses and analysis conventions, and the PRISMA counts.

export function PrismaCounts({ counts }: { counts: SectionForm<SearchCounts> }) {
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
        // A group, not a form: the protocol's own form holds this section, and forms cannot nest.
        <div role="group" onBlur={() => void counts.flush()} aria-label="PRISMA counts">
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
        </div>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </Section>
  );
}

export function PlannedAnalyses({ p, set, err }: { p: Protocol; set: SetFn; err: ErrFn }) {
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

export function Conventions({ p, set, err }: { p: Protocol; set: SetFn; err: ErrFn }) {
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
