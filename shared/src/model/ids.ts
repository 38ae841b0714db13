import * as z from 'zod';

// Entity ids are opaque strings (UUIDs minted by the backend) so that two copies of a
// review file can later be compared and merged without integer-id collisions.
export const idSchema = z.string().min(1).max(64);
export type Id = z.infer<typeof idSchema>;

/** ISO 8601 timestamp with a `Z` offset, as written by the backend. */
export const timestampSchema = z.string().min(1);
