import { ApiError } from '@grove/shared';

/** The ApiError a call is refused with; throws when the call succeeds or fails otherwise. */
export async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}
