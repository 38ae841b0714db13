import { configure } from '@testing-library/react';

// The renderer tests run the real backend in process: a query is answered by SQLite and the
// shared statistics, not by an in-memory fake, and the machine may be busy with other suites.
// findBy…/waitFor wait up to 5 s for the page to catch up (testing-library's default is 1 s);
// a test that must see something happen sooner says so with its own `timeout`.
configure({ asyncUtilTimeout: 5000 });
