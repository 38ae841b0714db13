import {
  analysisId,
  assembleAnalysis,
  buildTable2,
  plannedAnalysisSpecs,
  resultsSentence,
  type AnalysisSpec,
  type AnalysisSummary,
  type ReviewForAnalysis,
  type StudyData,
  ApiError,
  characteristicValueIssue,
  classifyTimepoints,
  extractionFormIssues,
  type Arm,
  type ArmResultRow,
  type CharacteristicValue,
  type ExtractionForm,
  type RobSettings,
  type StudyOutcome,
  type Timepoint,
  emptyProtocol,
  scalesFromMeasures,
  emptySearchCounts,
  dispatch,
  METHOD_NAMES,
  protocolConsistencyIssues,
  protocolSchema,
  type AuditEntry,
  type Handlers,
  type MethodName,
  type Protocol,
  type Report,
  type Reviewer,
  type SearchCounts,
  type Study,
  type CharacteristicComparisonRow,
  type Rob2Record,
  buildSummaryOfFindings,
  computedCertainty,
  finalCertainty,
  gradeAssessmentSchema,
  type GradeRecord,
  type ReviewSettings,
  reviewSettingsSchema,
  type OutcomeSettings,
} from '@grove/shared';
import { createAppClient, type AppClient } from '../../renderer/src/api/client.ts';
import type { Upload } from '../../renderer/src/api/transport.ts';
import { fakeOutcomeHandlers } from './fake-outcomes.ts';
import { DEFAULT_ROB1_OVERALL_RULE, emptyRob1Assessment, rob1StudyOverall, type Rob1Assessment } from '@grove/shared/rob/index';
import {
  compareRob1Assessments,
  effectiveRob2Judgement,
  recomputeRob2Assessment,
  selectSecondReviewerSample,
} from '@grove/shared/rob/index';

// An in-memory fake of the backend's handler table, good enough for component tests:
// same contract, same argument validation (through the shared dispatcher), undo of
// whole changes, and a record of every call the renderer made.

interface State {
  protocol: Protocol;
  counts: SearchCounts;
  studies: Study[];
  reviewers: Reviewer[];
  reviewerId: string | null;
  form: ExtractionForm;
  characteristics: CharacteristicValue[];
  arms: Arm[];
  outcomes: StudyOutcome[];
  timepoints: Timepoint[];
  results: ArmResultRow[];
  robSettings: RobSettings;
  rob: Record<string, Rob1Assessment>;
  /** RoB 1 judgements in reviewers' own slots: slot → study → assessment. */
  robSlots: Record<string, Record<string, Rob1Assessment>>;
  rob2: Rob2Record[];
  settings: ReviewSettings;
  grades: GradeRecord[];
  /** Settings of the one analysis model's outcomes, once edited (fake-outcomes.ts). */
  outcomeSettings: Record<string, OutcomeSettings>;
}

export interface FakeInit {
  protocol?: Partial<Protocol>;
  studies?: Study[];
  form?: ExtractionForm;
  characteristics?: CharacteristicValue[];
  arms?: Arm[];
  outcomes?: StudyOutcome[];
  timepoints?: Timepoint[];
  results?: ArmResultRow[];
  rob?: Record<string, Rob1Assessment>;
  reviewers?: Reviewer[];
  robSlots?: Record<string, Record<string, Rob1Assessment>>;
  rob2?: Rob2Record[];
  settings?: Partial<ReviewSettings>;
  grades?: GradeRecord[];
}

export interface FakeApi {
  client: AppClient;
  calls: { method: MethodName; args: unknown }[];
  state: State;
  callsTo(method: MethodName): unknown[];
  /** A fake of the browser host's streamed upload path, whose tokens files.importRevman takes. */
  upload: Upload;
  /** The next call of `method` fails with this server error instead of running. */
  failNext(method: MethodName, error: ApiError): void;
}

let seq = 0;
const id = () => `id-${++seq}`;
const now = () => new Date().toISOString();
const clone = <T>(v: T): T => structuredClone(v);

export function createFakeApi(init: FakeInit = {}): FakeApi {
  const state: State = {
    protocol: { ...emptyProtocol('Peer support for mental health'), ...init.protocol },
    counts: emptySearchCounts(),
    studies: init.studies ? clone(init.studies) : [],
    reviewers: [{ id: 'rev-1', name: 'Ada Reviewer', initials: 'AR', email: '', createdAt: now() }],
    reviewerId: 'rev-1',
    form: clone(init.form ?? { sections: [], fields: [] }),
    characteristics: clone(init.characteristics ?? []),
    arms: clone(init.arms ?? []),
    outcomes: clone(init.outcomes ?? []),
    timepoints: clone(init.timepoints ?? []),
    results: clone(init.results ?? []),
    robSettings: {
      tool: 'rob1',
      overallRule: { keyDomains: [...DEFAULT_ROB1_OVERALL_RULE.keyDomains], fallback: DEFAULT_ROB1_OVERALL_RULE.fallback },
      outcomeGroups: [],
      secondReviewerFraction: 0.1,
      sampleSeed: 1,
    },
    rob: clone(init.rob ?? {}),
    robSlots: clone(init.robSlots ?? {}),
    rob2: clone(init.rob2 ?? []),
    settings: {
      dualExtraction: false,
      extractionFirst: null,
      extractionSecond: null,
      robFirst: null,
      robSecond: null,
      sofIntervention: '',
      sofComparator: '',
      sofPopulation: '',
      sofSetting: '',
      ...init.settings,
    },
    grades: clone(init.grades ?? []),
    outcomeSettings: {},
  };
  if (init.reviewers) state.reviewers = clone(init.reviewers);
  const undoStack: { label: string; snapshot: State }[] = [];
  const audit: AuditEntry[] = [];
  let changeId = 0;

  const change = <T>(label: string, entity: string, entityId: string, action: AuditEntry['action'], fn: () => T): T => {
    const snapshot = clone(state);
    const result = fn();
    undoStack.push({ label, snapshot });
    changeId++;
    audit.unshift({
      id: audit.length + 1,
      changeId,
      at: now(),
      reviewerId: state.reviewerId,
      reviewerName: state.reviewers.find((r) => r.id === state.reviewerId)?.name ?? '',
      action,
      entity,
      entityId,
      fields: [],
      summary: label,
      undoneBy: null,
    });
    return result;
  };
  const status = () => ({ canUndo: undoStack.length > 0, undoLabel: undoStack.at(-1)?.label ?? null });
  const findStudy = (sid: string) => {
    const s = state.studies.find((x) => x.id === sid);
    if (!s) throw new ApiError('NOT_FOUND', `No study ${sid}`);
    return s;
  };
  const sorted = () => [...state.studies].sort((a, b) => a.label.localeCompare(b.label));

  const invalid = (path: string, message: string): never => {
    throw new ApiError('VALIDATION', `${path}: ${message}`, [{ path, message }]);
  };
  const findIn = <T extends { id: string }>(list: T[], rid: string, what: string): T => {
    const x = list.find((i) => i.id === rid);
    if (!x) throw new ApiError('NOT_FOUND', `No ${what} ${rid}`);
    return x;
  };
  const studyRob = (sid: string) => {
    const study = findStudy(sid);
    const assessment = state.rob[sid] ?? emptyRob1Assessment();
    const overall = rob1StudyOverall(assessment, state.robSettings.overallRule);
    return {
      studyId: sid,
      label: study.label,
      slot: 'final',
      assessment: clone(assessment),
      overall: overall.judgement,
      overallReason:
        overall.reason === 'not-judged' ? `Waiting for: ${overall.domains.join('; ')}` : `${overall.reason}: ${overall.domains.join('; ')}`,
    };
  };

  // Extraction and risk of bias, in memory, with the backend's checks.
  const extraction: Partial<Handlers> = {
    'form.get': () => clone(state.form),
    'form.update': ({ form }) => {
      const issues = extractionFormIssues(form);
      if (issues.length)
        throw new ApiError(
          'VALIDATION',
          'form',
          issues.map((i) => ({ ...i, path: `form.${i.path}` })),
        );
      return change('Edit extraction form', 'form', 'form', 'update', () => {
        state.form = clone(form);
        const ids = new Set(form.fields.map((f) => f.id));
        state.characteristics = state.characteristics.filter((c) => ids.has(c.fieldId));
        return clone(state.form);
      });
    },
    'characteristics.list': ({ studyId }) => clone(state.characteristics.filter((c) => !studyId || c.studyId === studyId)),
    'characteristics.set': ({ studyId, fieldId, slot, content, sourceNote, comment }) => {
      const study = findStudy(studyId);
      const field = findIn(state.form.fields, fieldId, 'field');
      if (content) {
        const issue = characteristicValueIssue(field, content);
        if (issue) invalid('content.value', `${field.label} ${issue}`);
      }
      const s = slot ?? 'final';
      return change(`Extract "${field.label}" for "${study.label}"`, 'characteristic', fieldId, 'update', () => {
        const existing = state.characteristics.find((c) => c.studyId === studyId && c.fieldId === fieldId && c.slot === s);
        state.characteristics = state.characteristics.filter((c) => c !== existing);
        if (!content) return null;
        const v: CharacteristicValue = {
          studyId,
          fieldId,
          slot: s,
          content,
          sourceNote: sourceNote ?? existing?.sourceNote ?? '',
          comment: comment ?? existing?.comment ?? '',
          decidedBy: state.reviewerId,
          updatedAt: now(),
        };
        state.characteristics.push(v);
        return clone(v);
      });
    },
    'studyData.get': ({ studyId }) => {
      findStudy(studyId);
      const tps = state.timepoints.filter((t) => t.studyId === studyId);
      const classes = classifyTimepoints(tps, state.protocol.timepointCategories);
      const arms = state.arms.filter((a) => a.studyId === studyId);
      return clone({
        studyId,
        arms,
        outcomes: state.outcomes.filter((o) => o.studyId === studyId),
        timepoints: tps.map((t) => ({
          ...t,
          categoryId: classes.get(t.id)?.categoryId ?? null,
          selected: classes.get(t.id)?.selected ?? false,
        })),
        results: state.results.filter((r) => arms.some((a) => a.id === r.armId)),
      });
    },
    'arms.create': ({ studyId, arm }) =>
      change('Add arm', 'arm', 'new', 'create', () => {
        const a: Arm = { ...arm, id: id(), studyId };
        state.arms.push(a);
        return clone(a);
      }),
    'arms.update': ({ id: aid, patch }) =>
      change('Edit arm', 'arm', aid, 'update', () => {
        const a = findIn(state.arms, aid, 'arm');
        Object.assign(a, patch);
        return clone(a);
      }),
    'arms.delete': ({ id: aid }) =>
      change('Delete arm', 'arm', aid, 'delete', () => {
        state.arms = state.arms.filter((a) => a.id !== aid);
        state.results = state.results.filter((r) => r.armId !== aid);
        return { ok: true as const };
      }),
    // The scales the studies' measures name, as the backend derives them for a file without any.
    'scales.list': ({ outcomeId }) =>
      scalesFromMeasures(state.outcomes)
        .filter((sc) => outcomeId === undefined || sc.outcomeId === outcomeId)
        .map((sc, i) => ({ ...sc, id: `scale-${i}`, unit: '' })),
    'studyOutcomes.create': ({ studyId, outcome }) =>
      change('Add outcome', 'studyOutcome', 'new', 'create', () => {
        const o: StudyOutcome = { ...outcome, id: id(), studyId };
        state.outcomes.push(o);
        return clone(o);
      }),
    'studyOutcomes.update': ({ id: oid, patch }) =>
      change('Edit outcome', 'studyOutcome', oid, 'update', () => {
        const o = findIn(state.outcomes, oid, 'outcome');
        Object.assign(o, patch);
        return clone(o);
      }),
    'studyOutcomes.delete': ({ id: oid }) =>
      change('Delete outcome', 'studyOutcome', oid, 'delete', () => {
        state.outcomes = state.outcomes.filter((o) => o.id !== oid);
        state.results = state.results.filter((r) => r.studyOutcomeId !== oid);
        return { ok: true as const };
      }),
    'timepoints.create': ({ studyId, timepoint }) =>
      change('Add timepoint', 'timepoint', 'new', 'create', () => {
        const t: Timepoint = { ...timepoint, id: id(), studyId };
        state.timepoints.push(t);
        return clone(t);
      }),
    'timepoints.update': ({ id: tid, patch }) =>
      change('Edit timepoint', 'timepoint', tid, 'update', () => {
        const t = findIn(state.timepoints, tid, 'timepoint');
        Object.assign(t, patch);
        return clone(t);
      }),
    'timepoints.delete': ({ id: tid }) =>
      change('Delete timepoint', 'timepoint', tid, 'delete', () => {
        state.timepoints = state.timepoints.filter((t) => t.id !== tid);
        state.results = state.results.filter((r) => r.timepointId !== tid);
        return { ok: true as const };
      }),
    'results.set': ({ studyOutcomeId, timepointId, armId, result }) => {
      const outcome = findIn(state.outcomes, studyOutcomeId, 'outcome');
      findIn(state.timepoints, timepointId, 'timepoint');
      const arm = findIn(state.arms, armId, 'arm');
      if (result) {
        if (outcome.dataType !== 'contrast' && result.kind !== outcome.dataType)
          invalid('result.kind', `this outcome holds ${outcome.dataType} data`);
        if (result.kind === 'dichotomous' && result.events !== null && result.n !== null && result.events > result.n)
          invalid('result.events', 'events exceed N');
        if (result.n !== null && arm.randomised !== null && result.n > arm.randomised) invalid('result.n', 'N exceeds randomised');
      }
      return change('Enter result', 'armResult', armId, 'update', () => {
        const existing = state.results.find(
          (r) => r.studyOutcomeId === studyOutcomeId && r.timepointId === timepointId && r.armId === armId,
        );
        state.results = state.results.filter((r) => r !== existing);
        if (!result) return null;
        const row: ArmResultRow = { id: existing?.id ?? id(), studyOutcomeId, timepointId, armId, result };
        state.results.push(row);
        return clone(row);
      });
    },
    'rob.settings.get': () => clone(state.robSettings),
    'rob.settings.update': ({ patch }) =>
      change('Edit risk-of-bias settings', 'robSettings', 'rob', 'update', () => {
        state.robSettings = { ...state.robSettings, ...patch } as RobSettings;
        return clone(state.robSettings);
      }),
    'rob.list': () =>
      sorted()
        .filter((s) => s.status === 'included')
        .map((s) => studyRob(s.id)),
    'rob.setDomain': ({ studyId, domain, entry }) =>
      change(`Judge ${domain}`, 'rob1', studyId, 'update', () => {
        const a = state.rob[studyId] ?? emptyRob1Assessment();
        state.rob[studyId] = { ...a, [domain]: entry } as Rob1Assessment;
        return studyRob(studyId);
      }),
  };

  const slotRob = (slot: string | undefined, sid: string) => {
    if (!slot || slot === 'final') return studyRob(sid);
    const assessment = state.robSlots[slot]?.[sid] ?? emptyRob1Assessment();
    const overall = rob1StudyOverall(assessment, state.robSettings.overallRule);
    return { ...studyRob(sid), slot, assessment: clone(assessment), overall: overall.judgement };
  };

  // Added for dual extraction, the second RoB reviewer and RoB 2 (they override nothing of
  // the above except making rob.list / rob.setDomain honour a reviewer slot).
  const additions: Partial<Handlers> = {
    'results.setMany': ({ cells }) => {
      for (const [i, c] of cells.entries()) {
        const arm = findIn(state.arms, c.armId, 'arm');
        if (c.result?.n != null && arm.randomised !== null && c.result.n > arm.randomised)
          invalid(`cells.${i}.result.n`, 'N exceeds randomised');
      }
      return change(`Enter ${cells.length} results`, 'armResult', 'many', 'update', () =>
        cells.map(({ studyOutcomeId, timepointId, armId, result }) => {
          const existing = state.results.find(
            (r) => r.studyOutcomeId === studyOutcomeId && r.timepointId === timepointId && r.armId === armId,
          );
          state.results = state.results.filter((r) => r !== existing);
          if (!result) return null;
          const row: ArmResultRow = { id: existing?.id ?? id(), studyOutcomeId, timepointId, armId, result };
          state.results.push(row);
          return clone(row);
        }),
      );
    },
    'characteristics.counts': () => {
      const out: Record<string, number> = {};
      for (const f of state.form.fields)
        out[f.id] = new Set(state.characteristics.filter((c) => c.fieldId === f.id).map((c) => c.studyId)).size;
      return Object.fromEntries(Object.entries(out).filter(([, n]) => n > 0));
    },
    'characteristics.compare': ({ firstSlot, secondSlot, studyId }) => {
      const rows = new Map<string, CharacteristicComparisonRow>();
      for (const v of state.characteristics) {
        if (studyId && v.studyId !== studyId) continue;
        if (v.slot !== firstSlot && v.slot !== secondSlot && v.slot !== 'final') continue;
        const k = `${v.studyId}|${v.fieldId}`;
        const row = rows.get(k) ?? { studyId: v.studyId, fieldId: v.fieldId, first: null, second: null, final: null, agree: false };
        if (v.slot === firstSlot) row.first = clone(v.content);
        else if (v.slot === secondSlot) row.second = clone(v.content);
        else row.final = clone(v.content);
        rows.set(k, row);
      }
      return [...rows.values()]
        .filter((r) => r.first !== null || r.second !== null)
        .map((r) => ({ ...r, agree: r.first !== null && r.second !== null && JSON.stringify(r.first) === JSON.stringify(r.second) }));
    },
    'rob.list': ({ slot }) =>
      sorted()
        .filter((s) => s.status === 'included')
        .map((s) => slotRob(slot, s.id)),
    'rob.setDomain': ({ studyId, domain, entry, slot }) =>
      change(`Judge ${domain}`, 'rob1', studyId, 'update', () => {
        if (!slot || slot === 'final') {
          const a = state.rob[studyId] ?? emptyRob1Assessment();
          state.rob[studyId] = { ...a, [domain]: entry } as Rob1Assessment;
        } else {
          const bySlot = (state.robSlots[slot] ??= {});
          bySlot[studyId] = { ...(bySlot[studyId] ?? emptyRob1Assessment()), [domain]: entry } as Rob1Assessment;
        }
        return slotRob(slot, studyId);
      }),
    'rob.double': ({ firstSlot, secondSlot }) => {
      const included = sorted().filter((s) => s.status === 'included');
      const sample = selectSecondReviewerSample(
        included.map((s) => s.id),
        { fraction: state.robSettings.secondReviewerFraction, seed: state.robSettings.sampleSeed },
      );
      const get = (slot: string, sid: string) => (slot === 'final' ? state.rob[sid] : state.robSlots[slot]?.[sid]) ?? emptyRob1Assessment();
      const judged = included.filter((s) => (secondSlot === 'final' ? state.rob[s.id] : state.robSlots[secondSlot]?.[s.id]));
      const pairs = judged.map((s) => ({ studyId: s.id, first: get(firstSlot, s.id), second: get(secondSlot, s.id) }));
      return { sample, comparison: compareRob1Assessments(pairs, state.robSettings.overallRule) };
    },
    'rob2.list': ({ slot }) => clone(state.rob2.filter((r) => r.slot === (slot ?? 'final'))),
    'rob2.save': ({ id: rid, studyId, studyOutcomeId, resultLabel, slot, assessment }) => {
      const study = findStudy(studyId);
      const s = slot ?? 'final';
      const clash = state.rob2.find((r) => r.studyId === studyId && r.resultLabel === resultLabel && r.slot === s);
      if (clash && clash.id !== rid) throw new ApiError('CONFLICT', `"${resultLabel}" of "${study.label}" is already assessed`);
      return change(`RoB 2 of "${resultLabel}"`, 'rob2', rid ?? 'new', rid ? 'update' : 'create', () => {
        const recomputed = recomputeRob2Assessment(assessment);
        const record: Rob2Record = {
          id: rid ?? id(),
          studyId,
          studyLabel: study.label,
          studyOutcomeId,
          resultLabel,
          slot: s,
          assessment: recomputed,
          overall: effectiveRob2Judgement(recomputed.overall),
          updatedAt: now(),
        };
        state.rob2 = [...state.rob2.filter((r) => r.id !== record.id), record];
        return clone(record);
      });
    },
    'rob2.delete': ({ id: rid }) =>
      change('Delete RoB 2', 'rob2', rid, 'delete', () => {
        state.rob2 = state.rob2.filter((r) => r.id !== rid);
        return { ok: true as const };
      }),
  };

  // Analyses, computed like the backend does: the shared pure functions over the fake's state.
  const reviewForAnalysis = (): ReviewForAnalysis => {
    const choiceFields = new Set(
      state.form.fields.filter((f) => f.type === 'singleChoice' || f.type === 'multiChoice' || f.type === 'yesNoUnclear').map((f) => f.id),
    );
    return {
      protocol: state.protocol,
      form: state.form,
      studies: sorted()
        .filter((s) => s.status === 'included')
        .map((s) => {
          const choices: Record<string, string | string[]> = {};
          for (const v of state.characteristics)
            if (v.studyId === s.id && v.slot === 'final' && choiceFields.has(v.fieldId) && v.content.status === 'value') {
              const value = v.content.value;
              if (typeof value === 'string' || Array.isArray(value)) choices[v.fieldId] = value;
            }
          const data = extraction['studyData.get']!({ studyId: s.id }) as StudyData;
          return { id: s.id, label: s.label, data, choices, robOverall: studyRob(s.id).overall as 'low' | 'high' | 'unclear' | 'pending' };
        }),
    };
  };
  const summarise = (review: ReviewForAnalysis, spec: AnalysisSpec): AnalysisSummary => {
    const analysis = assembleAnalysis(review, spec);
    const low = analysis.contributions.filter(
      (c) => c.included && review.studies.find((s) => s.id === c.studyId)?.robOverall === 'low',
    ).length;
    return {
      id: analysisId(spec.outcomeId, spec.categoryId),
      analysis,
      sentence: resultsSentence(analysis, review.protocol.conventions),
      notPossible: review.protocol.plannedAnalyses
        .filter((p) => p.kind === 'sensitivity' && /risk of bias/i.test(p.name) && low < analysis.minStudies)
        .map((p) => ({
          name: p.name,
          reason: `only ${low} ${low === 1 ? 'study' : 'studies'} at low risk of bias (at least ${analysis.minStudies} needed)`,
        })),
    };
  };
  const analysis: Partial<Handlers> = {
    'analyses.list': ({ model, preset }) => {
      const review = reviewForAnalysis();
      return plannedAnalysisSpecs(review).map((spec) =>
        summarise(review, { ...spec, ...(model ? { model } : {}), ...(preset ? { preset } : {}) }),
      );
    },
    'analyses.run': (spec) => summarise(reviewForAnalysis(), spec),
    'outputs.table2': () => {
      const review = reviewForAnalysis();
      const analyses = plannedAnalysisSpecs(review).map((spec) => assembleAnalysis(review, spec));
      return buildTable2(
        analyses,
        new Map(analyses.map((a) => [analysisId(a.spec.outcomeId, a.spec.categoryId), 'End of treatment'])),
        review.protocol.conventions,
      );
    },
  };

  // Review settings, GRADE and the summary-of-findings table, as the backend's settings handlers do.
  const grading: Partial<Handlers> = {
    'settings.get': () => clone(state.settings),
    'settings.update': ({ patch }) => {
      const parsed = reviewSettingsSchema.safeParse({ ...state.settings, ...patch });
      if (!parsed.success) invalid(`patch.${parsed.error.issues[0]?.path.join('.')}`, parsed.error.issues[0]?.message ?? 'invalid');
      return change('Edit review settings', 'reviewSettings', '1', 'update', () => {
        state.settings = reviewSettingsSchema.parse({ ...state.settings, ...patch });
        return clone(state.settings);
      });
    },
    'grade.list': () => clone([...state.grades].sort((x, y) => x.analysisId.localeCompare(y.analysisId))),
    'grade.set': ({ analysisId: aid, assessment }) => {
      const [outcomeId, categoryId] = aid.split('@');
      const outcome = state.protocol.plannedOutcomes.find((o) => o.id === outcomeId);
      const category = state.protocol.timepointCategories.find((c) => c.id === categoryId);
      if (!outcome || !category) throw new ApiError('NOT_FOUND', `There is no analysis "${aid}"`);
      return change(`Rate certainty: ${outcome.name}, ${category.name}`, 'gradeAssessment', aid, 'update', () => {
        state.grades = state.grades.filter((g) => g.analysisId !== aid);
        if (!assessment) return null;
        const a = gradeAssessmentSchema.parse(assessment);
        const record: GradeRecord = {
          analysisId: aid,
          assessment: a,
          computed: computedCertainty(a),
          final: finalCertainty(a),
          updatedAt: now(),
        };
        state.grades.push(record);
        return clone(record);
      });
    },
    'outputs.sof': () => {
      const review = reviewForAnalysis();
      const analyses = plannedAnalysisSpecs(review).map((spec) => assembleAnalysis(review, spec));
      const grades = new Map(state.grades.map((g) => [g.analysisId, g.assessment]));
      const s = state.settings;
      return buildSummaryOfFindings(
        analyses.filter((a) => grades.has(analysisId(a.spec.outcomeId, a.spec.categoryId)) || a.synthesis === 'meta-analysis'),
        grades,
        {
          intervention: s.sofIntervention || null,
          comparator: s.sofComparator || null,
          population: s.sofPopulation || null,
          ...(s.sofSetting ? { setting: s.sofSetting } : {}),
        },
      );
    },
  };

  // File › Import RevMan file… / Export › RevMan 5: a canned import of any file that starts
  // with an XML declaration (anything else fails as the backend's checks do, naming the file),
  // and an export of ISO-8859-1 bytes (ü is the one byte 0xFC).
  // The browser host's upload path: the file's text kept under a token, used once.
  const uploaded = new Map<string, string>();
  const upload: Upload = async (file, name, onProgress) => {
    onProgress?.(50);
    const text = await file.text();
    onProgress?.(100);
    const uploadToken = `upload-token-${uploaded.size + 1}-0123456789`;
    uploaded.set(uploadToken, text);
    return { uploadToken, name, size: file.size };
  };
  const files: Partial<Handlers> = {
    'files.importRevman': ({ fileName, contentBase64, uploadToken }) => {
      const text = uploadToken !== undefined ? uploaded.get(uploadToken) : atob(contentBase64 ?? '');
      if (uploadToken !== undefined) uploaded.delete(uploadToken);
      if (text === undefined)
        throw new ApiError('NOT_FOUND', 'The uploaded file is no longer there (it expired or was used already): choose the file again.');
      if (!text.startsWith('<?xml'))
        throw new ApiError('VALIDATION', `${fileName} is not a RevMan 5 file: it does not start with an XML declaration.`, [
          { path: 'contentBase64', message: `${fileName} is not a RevMan 5 file` },
        ]);
      const name = fileName.replace(/\.rm5$/i, '.grove');
      return {
        file: { path: `/reviews/${name}`, name },
        report: {
          imported: {
            studies: 3,
            references: 4,
            characteristics: 12,
            riskOfBiasJudgements: 21,
            riskOfBiasItemsAdded: 0,
            comparisons: 1,
            analyses: 2,
            subgroups: 0,
            dataRows: 6,
          },
          skipped: [{ what: 'Other data table "Adverse events"', reason: 'RevMan other-data tables have no place in Grove yet' }],
        },
        reportText: 'Imported 3 studies\n',
      };
    },
    'files.exportRevmanWeb': () => ({
      fileName: 'peer-support (RevMan Web).zip',
      contentBase64: btoa('PK'),
      files: ['references.ris', 'study-information.csv'],
    }),
    'files.exportRevman': () => ({
      fileName: 'peer-support.rm5',
      contentBase64: btoa(
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<COCHRANE_REVIEW><STUDY NAME="R\u00fcsch 2014"/></COCHRANE_REVIEW>\n',
      ),
    }),
  };

  const implemented: Partial<Handlers> = {
    ...extraction,
    ...files,
    ...analysis,
    // The one analysis model: its outcomes, and the dashboard and runs served from them.
    ...fakeOutcomeHandlers({
      review: reviewForAnalysis,
      pico: () => state.protocol.pico,
      settings: () => state.outcomeSettings,
      change,
      summarise,
    }),
    ...additions,
    ...grading,
    'app.info': () => ({
      appVersion: '0.1.0-test',
      schemaVersion: 1,
      host: 'in-process',
      file: { path: '/reviews/peer-support.grove', name: 'peer-support.grove' },
      capabilities: { nativeFileDialogs: false },
    }),
    'review.summary': () => ({
      id: 'review-1',
      title: state.protocol.title,
      file: { path: '/reviews/peer-support.grove', name: 'peer-support.grove' },
      schemaVersion: 1,
      counts: {
        studies: state.studies.length,
        reports: state.studies.reduce((n, s) => n + s.reports.length, 0),
        reviewers: state.reviewers.length,
      },
      updatedAt: now(),
    }),
    'review.export': () => {
      throw new ApiError('UNSUPPORTED', 'not in the fake');
    },
    'protocol.get': () => clone(state.protocol),
    'protocol.update': ({ patch }) => {
      const next = protocolSchema.parse({ ...state.protocol, ...patch });
      const issues = protocolConsistencyIssues(next);
      if (issues.length)
        throw new ApiError(
          'VALIDATION',
          'inconsistent protocol',
          issues.map((i) => ({ ...i, path: `patch.${i.path}` })),
        );
      return change(`Update protocol: ${Object.keys(patch).join(', ')}`, 'protocol', 'protocol', 'update', () => {
        state.protocol = next;
        return clone(next);
      });
    },
    'searchCounts.get': () => clone(state.counts),
    'searchCounts.update': ({ patch }) =>
      change('Update PRISMA counts', 'searchCounts', 'searchCounts', 'update', () => {
        state.counts = { ...state.counts, ...patch } as SearchCounts;
        return clone(state.counts);
      }),
    'reviewers.list': () => clone(state.reviewers),
    'reviewers.create': ({ reviewer }) =>
      change(`Add reviewer "${reviewer.name}"`, 'reviewer', 'new', 'create', () => {
        const r = { ...reviewer, id: id(), createdAt: now() };
        state.reviewers.push(r);
        return clone(r);
      }),
    'reviewers.update': ({ id: rid, patch }) =>
      change('Rename reviewer', 'reviewer', rid, 'update', () => {
        const r = state.reviewers.find((x) => x.id === rid)!;
        Object.assign(r, patch);
        return clone(r);
      }),
    'session.get': () => ({ reviewerId: state.reviewerId }),
    'session.setReviewer': ({ reviewerId }) => {
      state.reviewerId = reviewerId;
      return { reviewerId };
    },
    'studies.list': () => clone(sorted()),
    'studies.get': ({ id: sid }) => clone(findStudy(sid)),
    'studies.create': ({ study, reports }) =>
      change(`Add study "${study.label}"`, 'study', 'new', 'create', () => {
        const sid = id();
        const t = now();
        const s: Study = {
          ...study,
          id: sid,
          createdAt: t,
          updatedAt: t,
          reports: (reports ?? []).map((r): Report => ({ ...r, id: id(), studyId: sid, createdAt: t, updatedAt: t })),
        };
        state.studies.push(s);
        return clone(s);
      }),
    'studies.update': ({ id: sid, patch }) =>
      change(`Update study "${findStudy(sid).label}"`, 'study', sid, 'update', () => {
        const i = state.studies.findIndex((x) => x.id === sid);
        state.studies[i] = { ...state.studies[i]!, ...patch, updatedAt: now() };
        return clone(state.studies[i]!);
      }),
    'studies.delete': ({ id: sid }) =>
      change(`Delete study "${findStudy(sid).label}"`, 'study', sid, 'delete', () => {
        state.studies = state.studies.filter((x) => x.id !== sid);
        return { ok: true as const };
      }),
    'reports.create': ({ studyId, report }) =>
      change(`Add report to "${findStudy(studyId).label}"`, 'report', 'new', 'create', () => {
        const s = findStudy(studyId);
        const t = now();
        const r: Report = { ...report, id: id(), studyId, createdAt: t, updatedAt: t };
        (s.reports as Report[]).push(r);
        return clone(r);
      }),
    'reports.update': ({ id: rid, patch }) =>
      change('Update report', 'report', rid, 'update', () => {
        for (const s of state.studies) {
          const i = s.reports.findIndex((r) => r.id === rid);
          if (i >= 0) {
            const r = { ...s.reports[i]!, ...patch };
            (s.reports as Report[])[i] = r;
            return clone(r);
          }
        }
        throw new ApiError('NOT_FOUND', `No report ${rid}`);
      }),
    'reports.delete': ({ id: rid }) =>
      change('Delete report', 'report', rid, 'delete', () => {
        for (const s of state.studies) (s as { reports: Report[] }).reports = s.reports.filter((r) => r.id !== rid);
        return { ok: true as const };
      }),
    'audit.list': ({ limit }) => clone(audit.slice(0, limit ?? 100)),
    'history.status': () => status(),
    'history.undo': () => {
      const last = undoStack.pop();
      if (!last) return { ...status(), undone: null };
      Object.assign(state, last.snapshot);
      return { ...status(), undone: last.label };
    },
  };

  const handlers = Object.fromEntries(
    METHOD_NAMES.map((m) => [
      m,
      implemented[m] ??
        (() => {
          throw new ApiError('UNSUPPORTED', `${m} is not in the renderer's fake API`);
        }),
    ]),
  ) as unknown as Handlers;

  const calls: { method: MethodName; args: unknown }[] = [];
  const failures = new Map<MethodName, ApiError>();
  const service = {
    handlers,
    trackMutation: async <T>(run: () => Promise<T>) => ({ value: await run(), change: null, history: status() }),
  };
  const client = createAppClient(async (method, args) => {
    calls.push({ method, args: clone(args) });
    const failure = failures.get(method);
    if (failure) {
      failures.delete(method);
      return { ok: false, error: failure.toData() };
    }
    // The fake does not track touched rows: it answers like a backend that does not report
    // what a mutation changed, so the client refreshes everything after each one.
    const reply = await dispatch(service, method, args);
    return reply.ok ? { ok: true, value: reply.value } : reply;
  });
  return {
    client,
    calls,
    state,
    callsTo: (m) => calls.filter((c) => c.method === m).map((c) => c.args),
    upload,
    failNext: (m, e) => void failures.set(m, e),
  };
}

export function makeStudy(label: string, reports: Partial<Report>[] = []): Study {
  const sid = `study-${label.replace(/\W/g, '')}`;
  const t = '2024-01-01T00:00:00.000Z';
  return {
    id: sid,
    label,
    status: 'included',
    identifiers: '',
    notes: '',
    createdAt: t,
    updatedAt: t,
    reports: reports.map((r, i) => ({
      title: '',
      authors: '',
      journal: '',
      year: null,
      doi: '',
      pmid: '',
      citation: '',
      isPrimary: i === 0,
      notes: '',
      id: `${sid}-r${i}`,
      studyId: sid,
      createdAt: t,
      updatedAt: t,
      ...r,
    })),
  };
}
