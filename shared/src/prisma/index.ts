// Public API of the PRISMA 2020 flow diagram (import as '@grove/shared/prisma/index'): the
// flow as data with each count's source, the arithmetic checks, the SVG and the PRISMA2020
// app's CSV. Pure TypeScript, no Node/DOM.

export * from './flow.ts';
export * from './checks.ts';
export * from './labels.ts';
export { prismaFlowSvg, type PrismaSvgOptions } from './flow-svg.ts';
export { prismaFlowCsv } from './flow-csv.ts';
