import './jsdom-shims.ts';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { describeProgress, type ProgressEvent } from '@grove/shared';
import { ClientContext, createAppClient } from '../../renderer/src/api/client.ts';
import { httpProgress } from '../../renderer/src/api/transport.ts';
import { useBackendProgress } from '../../renderer/src/api/use-backend-progress.ts';

// The backend's progress in the workbench: the client's progress source (the browser host's
// /progress stream) reaches a component only while it is active, and the stream is closed
// when nobody listens.

afterEach(cleanup);

function Probe({ active }: { active: boolean }) {
  const p = useBackendProgress(active);
  return <p data-testid="probe">{p ? describeProgress(p) : 'none'}</p>;
}

/** A stand-in EventSource the test drives. */
class FakeSource {
  static opened: FakeSource[] = [];
  onmessage: ((m: MessageEvent<string>) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSource.opened.push(this);
  }
  close() {
    this.closed = true;
  }
  emit(e: ProgressEvent) {
    this.onmessage?.({ data: JSON.stringify(e) } as MessageEvent<string>);
  }
}

describe('backend progress in the renderer', () => {
  it('shows the latest event while active, through one stream opened with the token and closed after', () => {
    FakeSource.opened = [];
    const progress = httpProgress('tok en', (url) => new FakeSource(url) as unknown as EventSource);
    const client = createAppClient(async () => ({ ok: true, value: null }), null, progress);
    const view = render(
      <ClientContext.Provider value={client}>
        <Probe active />
      </ClientContext.Provider>,
    );
    expect(FakeSource.opened.map((s) => s.url)).toEqual(['/progress?token=tok%20en']);
    expect(screen.getByTestId('probe').textContent).toBe('none');
    act(() => FakeSource.opened[0]!.emit({ operation: 'Importing a.ris', phase: 'importing', done: 4500, total: 10_000 }));
    expect(screen.getByTestId('probe').textContent).toBe('Writing the records 45% (4,500 of 10,000)');
    view.rerender(
      <ClientContext.Provider value={client}>
        <Probe active={false} />
      </ClientContext.Provider>,
    );
    expect(screen.getByTestId('probe').textContent).toBe('none');
    expect(FakeSource.opened[0]!.closed).toBe(true);
  });
});
