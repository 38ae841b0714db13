// Builds arm-level data through the API alone, for tests on any host (in-process or HTTP):
// a planned outcome with a timepoint category, and a study with two arms, one outcome, one
// timepoint and its results. Nothing here knows the database.

export type Call = (method: string, args: unknown) => Promise<unknown>;

interface ProtocolLike {
  outcomeDomains: { id: string }[];
  plannedOutcomes: { id: string; domainId: string; name: string; description: string }[];
  timepointCategories: { id: string; name: string }[];
}

/** Adds a planned outcome (and a domain and an "End of treatment" category when there is none). */
export async function planOutcome(call: Call, name: string): Promise<{ plannedOutcomeId: string; categoryId: string }> {
  const p = (await call('protocol.get', {})) as ProtocolLike;
  const domains = p.outcomeDomains.length > 0 ? p.outcomeDomains : [{ id: 'domain-test', name: 'Outcomes', description: '', includes: [] }];
  const categories =
    p.timepointCategories.length > 0
      ? p.timepointCategories
      : [
          {
            id: 'category-test',
            name: 'End of treatment',
            definition: '',
            afterWeeksMin: null,
            afterWeeksMax: 4,
            selection: 'end-of-treatment',
          },
        ];
  const plannedOutcomeId = `planned-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  await call('protocol.update', {
    patch: {
      outcomeDomains: domains,
      timepointCategories: categories,
      plannedOutcomes: [...p.plannedOutcomes, { id: plannedOutcomeId, domainId: domains[0]!.id, name, description: '' }],
    },
  });
  return { plannedOutcomeId, categoryId: categories[0]!.id };
}

type Arm = { mean: number; sd: number; n: number } | { events: number; n: number };

/** A new included study with an intervention and a control arm measured at the end of treatment. */
export async function addArmLevelStudy(
  call: Call,
  s: {
    label: string;
    plannedOutcomeId: string;
    measure: string;
    direction?: 'higher-better' | 'lower-better';
    intervention: Arm;
    control: Arm;
  },
): Promise<{ studyId: string; studyOutcomeId: string }> {
  const study = (await call('studies.create', { study: { label: s.label, status: 'included', identifiers: '', notes: '' } })) as {
    id: string;
  };
  const arm = async (label: string, role: 'intervention' | 'control') =>
    (
      (await call('arms.create', { studyId: study.id, arm: { label, role, description: '', randomised: null } })) as {
        id: string;
      }
    ).id;
  const armIds = { intervention: await arm('Intervention', 'intervention'), control: await arm('Control', 'control') };
  const dataType = 'mean' in s.intervention ? 'continuous' : 'dichotomous';
  const outcome = (await call('studyOutcomes.create', {
    studyId: study.id,
    outcome: { outcomeId: s.plannedOutcomeId, measure: s.measure, direction: s.direction ?? 'higher-better', dataType, notes: '' },
  })) as { id: string };
  const timepoint = (await call('timepoints.create', {
    studyId: study.id,
    timepoint: { label: 'End of treatment', weeksAfterTreatment: 0, categoryOverride: null },
  })) as { id: string };
  const result = (a: Arm) =>
    'mean' in a ? { kind: 'continuous', ...a, derivation: null } : { kind: 'dichotomous', ...a, derivation: null };
  await call('results.setMany', {
    cells: (['intervention', 'control'] as const).map((role) => ({
      studyOutcomeId: outcome.id,
      timepointId: timepoint.id,
      armId: armIds[role],
      result: result(s[role]),
    })),
  });
  return { studyId: study.id, studyOutcomeId: outcome.id };
}
