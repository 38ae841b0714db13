import * as z from 'zod';
import type { FlowCheck } from '../prisma/checks.ts';
import type { PrismaFlow } from '../prisma/flow.ts';
import { query } from './method.ts';

// The PRISMA 2020 flow diagram, computed live from the review (db/src/service/prisma-flow.ts).

export interface PrismaFlowReport {
  flow: PrismaFlow;
  /** Where the numbers do not add up, and hand-entered counts the data contradict (warnings). */
  checks: FlowCheck[];
}

export const PRISMA_API = {
  'outputs.prismaFlow': query(
    z.object({}).strict(),
    z.custom<PrismaFlowReport>((v) => typeof v === 'object' && v !== null && 'flow' in v && 'checks' in v),
    'The PRISMA 2020 flow diagram as data: each count with its source (the review’s data or entered by hand), and the arithmetic checks.',
  ),
} as const;
