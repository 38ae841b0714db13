import type { Handlers } from '@grove/shared';
import { requireDb, type ServiceContext } from './context.ts';
import { prismaFlowOf } from './prisma-flow.ts';

// The PRISMA 2020 flow diagram, computed on demand (nothing is stored).

type PrismaHandlers = Pick<Handlers, 'outputs.prismaFlow'>;

export function prismaHandlers(ctx: ServiceContext): PrismaHandlers {
  return {
    'outputs.prismaFlow': () => prismaFlowOf(requireDb(ctx)),
  };
}
