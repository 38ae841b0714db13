import type * as z from 'zod';

// How a contract method is declared. Every method says whether it only reads (`query`)
// or may write (`mutation`): the dispatcher reports what a mutation changed, and clients
// cache queries and invalidate them from those reports. A query never writes; the
// contract suite checks it against every host.

export type MethodKind = 'query' | 'mutation';

export interface MethodSpec<A extends z.ZodType, R extends z.ZodType, K extends MethodKind = MethodKind> {
  readonly kind: K;
  readonly args: A;
  readonly result: R;
  readonly description: string;
}

/** A method that only reads. */
export function query<A extends z.ZodType, R extends z.ZodType>(args: A, result: R, description: string): MethodSpec<A, R, 'query'> {
  return { kind: 'query', args, result, description };
}

/** A method that may write (or change session state); its reply carries `change` and `history`. */
export function mutation<A extends z.ZodType, R extends z.ZodType>(args: A, result: R, description: string): MethodSpec<A, R, 'mutation'> {
  return { kind: 'mutation', args, result, description };
}
