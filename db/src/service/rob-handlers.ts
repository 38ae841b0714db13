import { ApiError, FINAL_SLOT, robSettingsSchema, zodIssues, type Handlers, type StudyRob } from '@grove/shared';
import { rob1StudyOverall, type Rob1OverallResult } from '@grove/shared/rob/rob1-overall';
import { rob1Domain } from '@grove/shared/rob/rob1-domains';
import type { Db } from '../connection.ts';
import { recordChange } from '../changes.ts';
import { assembleRob1, entryRows, readRobSettings, rob1Rows, robSettingsRow } from '../repositories/rob-repo.ts';
import { listStudies } from '../repositories/study-repo.ts';
import { TABLES } from '../tables.ts';
import { actorOf, requireDb, type ServiceContext } from './context.ts';
import { naturalRowId } from '../merge/row-identity.ts';

// Risk of bias: settings (tool, overall rule), RoB 1 judgements per domain, and the
// overall judgement computed by shared/src/rob with the review's rule.

type RobHandlers = Pick<Handlers, 'rob.settings.get' | 'rob.settings.update' | 'rob.list' | 'rob.setDomain'>;

function describeOverall(o: Rob1OverallResult): string {
  const names = o.domains.map((d) => rob1Domain(d).label).join('; ');
  switch (o.reason) {
    case 'key-domain-high':
      return `High in a key domain: ${names}`;
    case 'key-domain-unclear':
      return `Unclear in a key domain: ${names}`;
    case 'all-domains-low':
      return 'Low in every domain';
    case 'fallback':
      return `Key domains low; not low elsewhere: ${names}`;
    case 'not-judged':
      return `Waiting for: ${names}`;
  }
}

function studyRob(db: Db, study: { id: string; label: string }, slot: string): StudyRob {
  const settings = readRobSettings(db);
  const assessment = assembleRob1(rob1Rows(db, slot, study.id));
  const overall = rob1StudyOverall(assessment, settings.overallRule);
  return { studyId: study.id, label: study.label, slot, assessment, overall: overall.judgement, overallReason: describeOverall(overall) };
}

/** Every included study's judgements for one reviewer slot, with the overall judgement. */
export function listStudyRob(db: Db, slot: string): StudyRob[] {
  return listStudies(db)
    .filter((s) => s.status === 'included')
    .map((s) => studyRob(db, s, slot));
}

export function robHandlers(ctx: ServiceContext): RobHandlers {
  return {
    'rob.settings.get': () => readRobSettings(requireDb(ctx)),

    'rob.settings.update': ({ patch }) => {
      const db = requireDb(ctx);
      const parsed = robSettingsSchema.safeParse({ ...readRobSettings(db), ...patch });
      if (!parsed.success) {
        const issues = zodIssues(parsed.error).map((i) => ({ ...i, path: `patch.${i.path}` }));
        throw new ApiError('VALIDATION', `The settings were not saved: ${issues[0]?.path}: ${issues[0]?.message}`, issues);
      }
      recordChange(db, actorOf(ctx, db), 'Edit risk-of-bias settings', (w) =>
        w.update(TABLES.robSettings, 1, robSettingsRow(parsed.data), (f) => `Edited risk-of-bias settings: ${f.join(', ')}`),
      );
      return readRobSettings(db);
    },

    'rob.list': ({ slot }) => listStudyRob(requireDb(ctx), slot ?? FINAL_SLOT),

    'rob.setDomain': ({ studyId, domain, entry, slot }) => {
      const db = requireDb(ctx);
      const study = listStudies(db).find((s) => s.id === studyId);
      if (!study) throw new ApiError('NOT_FOUND', `There is no study with id ${studyId}.`);
      const s = slot ?? FINAL_SLOT;
      const label = rob1Domain(domain).label;
      const actor = actorOf(ctx, db);
      recordChange(db, actor, `Judge "${label}" for "${study.label}"`, (w) => {
        const existing = rob1Rows(db, s, studyId).filter((r) => r.domain === domain);
        const wanted = entryRows(entry);
        for (const row of existing) {
          if (!wanted.some((x) => x.outcomeGroup === row.outcome_group))
            w.delete(TABLES.rob1Judgement, row.id, `Removed "${label}" for "${study.label}"`);
        }
        for (const x of wanted) {
          const current = existing.find((r) => r.outcome_group === x.outcomeGroup);
          const group = x.outcomeGroup ? ` (${x.outcomeGroup})` : '';
          if (current) {
            w.update(
              TABLES.rob1Judgement,
              current.id,
              { judgement: x.judgement, support: x.support },
              (f) => `Judged "${label}"${group} for "${study.label}": ${x.judgement ?? 'not judged'} (${f.join(', ')})`,
              { updated_at: actor.now },
            );
          } else {
            w.insert(
              TABLES.rob1Judgement,
              {
                id: naturalRowId('rob1_judgement', studyId, domain, x.outcomeGroup, s),
                study_id: studyId,
                domain,
                outcome_group: x.outcomeGroup,
                slot: s,
                judgement: x.judgement,
                support: x.support,
                updated_at: actor.now,
              },
              `Judged "${label}"${group} for "${study.label}": ${x.judgement ?? 'not judged'}`,
            );
          }
        }
      });
      return studyRob(db, study, s);
    },
  };
}
