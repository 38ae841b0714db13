import { useCallback } from 'react';
import { SEARCH_COUNT_LABELS, type Protocol, type SearchCounts, type TimepointCategory } from '@grove/shared';
import { useClient } from '../../api/client.ts';
import { useConfirm } from '../../components/confirm.tsx';
import { LinesField, NumberField, SelectField, TextField } from '../../components/fields.tsx';
import { ItemList } from '../../components/ItemList.tsx';
import { StageHeader } from '../../components/StageHeader.tsx';
import { useSectionForm } from '../../data/useSectionForm.ts';
import { queryKeys } from '../../data/query-keys.ts';
import { PROTOCOL_SECTION_LABELS, validateProtocolSection, validateSearchCount, type ProtocolKey } from './validate.ts';
import { OutcomeSections } from './OutcomeSections.tsx';
import { PrismaCounts, PlannedAnalyses, Conventions } from './AnalysisSections.tsx';
import { Section } from './Section.tsx';

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
