import { dispatch, inProcessClient } from '@grove/shared';
import { contractSuite } from '../../support/contract-suite.ts';
import { freshBackend } from '../../support/review-fixtures.ts';

contractSuite('the in-process handler table', async (kind) => {
  const f = freshBackend(kind);
  return {
    client: inProcessClient(f.backend.handlers),
    raw: (method, args) => dispatch(f.backend.handlers, method, args) as never,
    close: () => f.cleanup(),
  };
});
