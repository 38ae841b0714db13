import { randomUUID } from 'node:crypto';
import { ApiError } from '@grove/shared';
import type { Handlers } from '@grove/shared';
import { recordChange } from '../changes.ts';
import { getReviewer, listReviewers, reviewerRow } from '../repositories/reviewer-repo.ts';
import { TABLES } from '../tables.ts';
import { actorOf, requireDb, type ServiceContext } from './context.ts';

// Reviewers, and which of them the calling client acts as (recorded in every audit entry
// it makes). Each client (tab, window) has its own session: `session.*` never reach another's.

type PeopleHandlers = Pick<Handlers, 'reviewers.list' | 'reviewers.create' | 'reviewers.update' | 'session.get' | 'session.setReviewer'>;

export function peopleHandlers(ctx: ServiceContext): PeopleHandlers {
  return {
    'reviewers.list': () => listReviewers(requireDb(ctx)),

    'reviewers.create': ({ reviewer }) => {
      const db = requireDb(ctx);
      const actor = actorOf(ctx, db);
      const id = randomUUID();
      recordChange(db, actor, `Add reviewer "${reviewer.name}"`, (w) => {
        w.insert(TABLES.reviewer, reviewerRow(id, reviewer, actor.now), `Added reviewer "${reviewer.name}"`);
      });
      const created = getReviewer(db, id);
      if (!created) throw new ApiError('INTERNAL', 'The reviewer was not saved.');
      return created;
    },

    'reviewers.update': ({ id, patch }) => {
      const db = requireDb(ctx);
      const current = getReviewer(db, id);
      if (!current) throw new ApiError('NOT_FOUND', `There is no reviewer with id ${id}.`);
      const row: Record<string, string> = {};
      if (patch.name !== undefined) row.name = patch.name;
      if (patch.initials !== undefined) row.initials = patch.initials;
      if (patch.email !== undefined) row.email = patch.email;
      recordChange(db, actorOf(ctx, db), `Edit reviewer "${current.name}"`, (w) => {
        w.update(TABLES.reviewer, id, row, (f) => `Edited reviewer "${current.name}": ${f.join(', ')}`);
      });
      return getReviewer(db, id) ?? current;
    },

    'session.get': () => ({ reviewerId: ctx.session().reviewerId }),

    'session.setReviewer': ({ reviewerId }) => {
      if (reviewerId !== null && !getReviewer(requireDb(ctx), reviewerId)) {
        throw new ApiError('NOT_FOUND', `There is no reviewer with id ${reviewerId}.`);
      }
      ctx.session().reviewerId = reviewerId;
      return { reviewerId };
    },
  };
}
