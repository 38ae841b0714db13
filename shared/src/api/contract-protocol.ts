import * as z from 'zod';
import { protocolPatchSchema, protocolSchema } from '../model/protocol.ts';
import { searchCountsSchema } from '../model/search-counts.ts';
import { mutation, query } from './method.ts';

// The protocol and the PRISMA search counts (db/src/service/protocol-handlers.ts).

const none = z.object({}).strict();

export const PROTOCOL_API = {
  'protocol.get': query(none, protocolSchema, 'The protocol.'),
  'protocol.update': mutation(
    z.object({ patch: protocolPatchSchema }).strict(),
    protocolSchema,
    'Replace some top-level protocol sections; validated as a whole.',
  ),
  'searchCounts.get': query(none, searchCountsSchema, 'PRISMA counts as entered.'),
  'searchCounts.update': mutation(z.object({ patch: searchCountsSchema.partial() }).strict(), searchCountsSchema, 'Update PRISMA counts.'),
} as const;
