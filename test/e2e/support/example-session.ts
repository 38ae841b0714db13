import type { Browser } from 'playwright-core';
import { HTTP_RPC_PATH, HTTP_TOKEN_HEADER, HTTP_TOKEN_QUERY } from '@grove/shared';
import { cleanupTemp, exampleCopy, launchBrowser, startServe, type Served } from './harness.ts';

// One served example review: a copy of an example, one `grove serve` on it and one browser,
// with the API over the same HTTP host the renderer uses (to set up or check what a test needs
// without clicking through it). The e2e files on the analyses and outcomes share it.

export interface ExampleSession {
  readonly served: Served;
  readonly browser: Browser;
  /** One API call over the HTTP host, as the renderer makes it; a refusal throws with the method's name. */
  rpc<T>(method: string, args: unknown): Promise<T>;
  /** Closes the browser and the server, and removes the temporary files. */
  close(): Promise<void>;
}

/** One API call to a served review over its HTTP host. */
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

export async function exampleSession(dataset: 'peer-support' | 'fleiss1993' = 'peer-support'): Promise<ExampleSession> {
  const served = await startServe(await exampleCopy(dataset));
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await served.stop();
    cleanupTemp();
    throw err;
  }
  return {
    served,
    browser,
    rpc: (method, args) => servedRpc(served, method, args),
    async close() {
      await browser.close();
      await served.stop();
      cleanupTemp();
    },
  };
}
