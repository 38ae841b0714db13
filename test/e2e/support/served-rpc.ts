import { HTTP_RPC_PATH, HTTP_TOKEN_HEADER, HTTP_TOKEN_QUERY } from '@grove/shared';
import type { Served } from './harness.ts';

/**
 * One API call to a served review over its HTTP host, as the renderer makes it (to set up or
 * check what a test needs without clicking through it); a refusal throws with the method's name.
 */
export async function servedRpc<T>(served: Served, method: string, args: unknown): Promise<T> {
  const token = new URL(served.url).searchParams.get(HTTP_TOKEN_QUERY) ?? '';
  const res = await fetch(new URL(HTTP_RPC_PATH, served.origin), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: token },
    body: JSON.stringify({ method, args }),
  });
  const body = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value as T;
}
