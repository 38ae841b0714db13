import type { Page } from 'playwright-core';

// Runs in the browser (page.evaluate), so this module is type-checked with DOM types only
// as part of the e2e tests, never by the Node-side harness that the benchmarks import.

/** Calls the API from inside the page, as the renderer does (with the session's token). */
export function pageRpc<T>(page: Page, method: string, args: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, args }) => {
      const token = sessionStorage.getItem('grove.token') ?? '';
      const res = await fetch('/rpc', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-grove-token': token },
        body: JSON.stringify({ method, args }),
      });
      const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(body.error?.message ?? 'rpc failed');
      return body.value;
    },
    { method, args },
  ) as Promise<T>;
}
