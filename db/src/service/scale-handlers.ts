import { ApiError, scaleKey, type Handlers, type OutcomeScale } from '@grove/shared';
import { recordChange } from '../changes.ts';
import type { Db } from '../connection.ts';
import { readProtocol } from '../repositories/protocol-repo.ts';
import { getScale, listScales, scaleRow, studyOutcomesOnScale } from '../repositories/scale-repo.ts';
import { TABLES } from '../tables.ts';
import { actorOf, requireDb, type ServiceContext } from './context.ts';

// The scales of the planned outcomes: listed for the measure picker, added when the
// reviewer confirms a new one, and edited (direction, unit, name) with the studies that
// use a renamed scale following it, so their analyses stay as they were.

type ScaleHandlers = Pick<Handlers, 'scales.list' | 'scales.create' | 'scales.update'>;

function invalid(path: string, message: string): never {
  throw new ApiError('VALIDATION', `${path}: ${message}`, [{ path, message }]);
}

function plannedName(db: Db, outcomeId: string, path: string): string {
  const planned = readProtocol(db).plannedOutcomes.find((o) => o.id === outcomeId);
  if (!planned) invalid(path, 'choose one of the protocol’s planned outcomes');
  return planned.name;
}

function refuseTaken(scales: readonly OutcomeScale[], name: string, except: string | null, path: string): void {
  const taken = scales.find((s) => s.id !== except && scaleKey(s.name) === scaleKey(name));
  if (taken) invalid(path, `the outcome already has the scale "${taken.name}"`);
}

export function scaleHandlers(ctx: ServiceContext): ScaleHandlers {
  return {
    'scales.list': ({ outcomeId }) => {
      const db = requireDb(ctx);
      const planned = new Set(readProtocol(db).plannedOutcomes.map((o) => o.id));
      return listScales(db, outcomeId).filter((s) => planned.has(s.outcomeId));
    },

    'scales.create': ({ outcomeId, scale }) => {
      const db = requireDb(ctx);
      const outcome = plannedName(db, outcomeId, 'outcomeId');
      const scales = listScales(db, outcomeId);
      refuseTaken(scales, scale.name, null, 'scale.name');
      const row = scaleRow(outcomeId, scale, scales.length);
      recordChange(db, actorOf(ctx, db), `Add scale "${scale.name}" to "${outcome}"`, (w) =>
        w.insert(TABLES.outcomeScale, row, `Added scale "${scale.name}" to "${outcome}"`),
      );
      return getScale(db, String(row.id))!;
    },

    'scales.update': ({ id, patch }) => {
      const db = requireDb(ctx);
      const current = getScale(db, id);
      if (!current) throw new ApiError('NOT_FOUND', `There is no scale with id ${id}; it may have been deleted.`);
      const renamed = patch.name !== undefined && patch.name !== current.name;
      if (renamed) refuseTaken(listScales(db, current.outcomeId), patch.name!, id, 'patch.name');
      const row: Record<string, string> = {};
      if (patch.name !== undefined) row.name = patch.name;
      if (patch.direction !== undefined) row.direction = patch.direction;
      if (patch.unit !== undefined) row.unit = patch.unit;
      recordChange(db, actorOf(ctx, db), `Edit scale "${current.name}"`, (w) => {
        w.update(TABLES.outcomeScale, id, row, (f) => `Edited scale "${current.name}": ${f.join(', ')}`);
        if (!renamed) return;
        for (const so of studyOutcomesOnScale(db, current.outcomeId, current.name))
          w.update(TABLES.studyOutcome, so.id, { measure: patch.name! }, () => `Renamed measure "${so.measure}" to "${patch.name!}"`);
      });
      return getScale(db, id)!;
    },
  };
}
