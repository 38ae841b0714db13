import { useApiQuery } from '../../../data/queries.ts';
import { queryKeys } from '../../../data/query-keys.ts';

// The PRISMA flow diagram's own query: the flow as data with its checks, computed by the
// backend from the review (outputs.prismaFlow). Its key is in the invalidation map under the
// tables it reads (search counts, studies and reports, and what the analyses read).
export const usePrismaFlow = () => useApiQuery(queryKeys.prismaFlow, 'outputs.prismaFlow', {});
