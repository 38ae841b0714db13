import { ApiError, protocolConsistencyIssues, protocolSchema, searchCountIssues, searchCountsSchema, zodIssues } from '@grove/shared';
import type { Handlers } from '@grove/shared';
import { recordChange } from '../changes.ts';
import { readProtocol, updateProtocol } from '../repositories/protocol-repo.ts';
import { readSearchCounts, SEARCH_LOG_COUNTS, searchCountsRow } from '../repositories/search-counts-repo.ts';
import { importedTotal, writeEnteredTotal } from '../repositories/records-search-log-repo.ts';
import { TABLES } from '../tables.ts';
import { actorOf, requireDb, type ServiceContext } from './context.ts';

// Protocol and PRISMA counts. A patch replaces whole top-level sections; the merged
// protocol is validated as a whole (including cross-field rules) before anything is
// written, and issues come back with paths relative to the call's arguments.

type ProtocolHandlers = Pick<Handlers, 'protocol.get' | 'protocol.update' | 'searchCounts.get' | 'searchCounts.update'>;

export function protocolHandlers(ctx: ServiceContext): ProtocolHandlers {
  return {
    'protocol.get': () => readProtocol(requireDb(ctx)),

    'protocol.update': ({ patch }) => {
      const db = requireDb(ctx);
      const before = readProtocol(db);
      const parsed = protocolSchema.safeParse({ ...before, ...patch });
      if (!parsed.success) {
        const issues = zodIssues(parsed.error).map((i) => ({ ...i, path: `patch.${i.path}` }));
        throw new ApiError('VALIDATION', `The protocol was not saved: ${issues[0]?.path}: ${issues[0]?.message}`, issues);
      }
      const consistency = protocolConsistencyIssues(parsed.data).map((i) => ({ ...i, path: `patch.${i.path}` }));
      if (consistency.length > 0) {
        throw new ApiError('VALIDATION', `The protocol was not saved: ${consistency[0]?.message}`, consistency);
      }
      recordChange(db, actorOf(ctx, db), `Edit protocol: ${Object.keys(patch).join(', ')}`, (w) => updateProtocol(w, before, parsed.data));
      return readProtocol(db);
    },

    'searchCounts.get': () => readSearchCounts(requireDb(ctx)),

    'searchCounts.update': ({ patch }) => {
      const db = requireDb(ctx);
      const merged = searchCountsSchema.parse({ ...readSearchCounts(db), ...patch });
      const issues = searchCountIssues(merged).map((i) => ({ ...i, path: `patch.${i.path}` }));
      if (issues.length > 0) throw new ApiError('VALIDATION', `The counts were not saved: ${issues[0]?.message}`, issues);
      const actor = actorOf(ctx, db);
      const before = readSearchCounts(db);
      // A total typed here covers the imported searches too: what is entered by hand is the rest.
      const entered = new Map<keyof typeof SEARCH_LOG_COUNTS, number | null>();
      for (const [key, kind] of Object.entries(SEARCH_LOG_COUNTS) as [keyof typeof SEARCH_LOG_COUNTS, 'database' | 'other'][]) {
        const value = patch[key];
        if (value === undefined || value === before[key]) continue;
        const imported = importedTotal(db, kind);
        if (value !== null && value < imported)
          throw new ApiError('VALIDATION', `The counts were not saved: ${imported} records were imported from these searches`, [
            { path: `patch.${key}`, message: `cannot be less than the ${imported} records imported` },
          ]);
        entered.set(key, value === null || (value === imported && imported > 0) ? null : value - imported);
      }
      recordChange(db, actor, 'Edit search counts', (w) => {
        w.update(TABLES.searchCounts, 1, searchCountsRow(patch), (fields) => `Edited search counts: ${fields.join(', ')}`);
        // Records identified are the search log's: a total typed here is its entry "entered by hand".
        for (const [key, value] of entered) writeEnteredTotal(w, SEARCH_LOG_COUNTS[key], value, actor.now);
      });
      return readSearchCounts(db);
    },
  };
}
