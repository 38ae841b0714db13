import { dispatch, inProcessClient } from '@grove/shared';
import { contractSuite } from '../../support/contract-suite.ts';
import { freshBackend } from '../../support/review-fixtures.ts';

contractSuite('the in-process handler table', async (kind) => {
  const f = freshBackend(kind);
  return {
    client: inProcessClient(f.backend),
    raw: (method, args) => dispatch(f.backend, method, args),
    file: f.file,
    close: () => f.cleanup(),
  };
});
