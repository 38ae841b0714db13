import path from 'node:path';
import { dispatch, type MethodName } from '@grove/shared';
import { createBackend, type Backend } from '../../../db/src/backend.ts';
import { createExampleReview } from '../../../db/src/example/create-example.ts';
import { createReviewFile } from '../../../db/src/review-file.ts';
import { createAppClient, type AppClient } from '../../../renderer/src/api/client.ts';
import { tempDir } from '../../support/temp.ts';

// The renderer over the real backend: the in-process handler table on a temporary
// `.grove` file, behind the same envelope the hosts carry, with every call recorded.

export interface RealBackend {
  readonly backend: Backend;
  readonly client: AppClient;
  /** Every method the renderer called, in order. */
  readonly calls: MethodName[];
  close(): void;
}

/** A bundled example review, or 'empty': a new review with nothing in it (tests add what they need through the client). */
export function realBackend(example: 'peer-support' | 'fleiss1993' | 'empty' = 'fleiss1993'): RealBackend {
  const { dir, cleanup } = tempDir('grove-renderer-');
  const file = path.join(dir, 'review.grove');
  if (example === 'empty') createReviewFile(file, { title: 'A review' }).close();
  else createExampleReview(file, { example }).close();
  const backend = createBackend({ host: 'in-process' });
  backend.openFile(file);
  const calls: MethodName[] = [];
  const client = createAppClient((method, args) => {
    calls.push(method);
    return dispatch(backend, method, args);
  });
  return {
    backend,
    client,
    calls,
    close: () => {
      backend.closeFile();
      cleanup();
    },
  };
}
