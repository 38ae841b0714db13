import {
  ApiError,
  emptyProtocol,
  emptySearchCounts,
  inProcessClient,
  METHOD_NAMES,
  protocolConsistencyIssues,
  protocolSchema,
  type ApiClient,
  type AuditEntry,
  type Handlers,
  type MethodName,
  type Protocol,
  type Report,
  type Reviewer,
  type SearchCounts,
  type Study,
} from '@grove/shared';

// An in-memory fake of the backend's handler table, good enough for component tests:
// same contract, same argument validation (through the shared dispatcher), undo of
// whole changes, and a record of every call the renderer made.

interface State {
  protocol: Protocol;
  counts: SearchCounts;
  studies: Study[];
  reviewers: Reviewer[];
  reviewerId: string | null;
}

export interface FakeApi {
  client: ApiClient;
  calls: { method: MethodName; args: unknown }[];
  state: State;
  callsTo(method: MethodName): unknown[];
  /** The next call of `method` fails with this server error instead of running. */
  failNext(method: MethodName, error: ApiError): void;
}

let seq = 0;
const id = () => `id-${++seq}`;
const now = () => new Date().toISOString();
const clone = <T>(v: T): T => structuredClone(v);

export function createFakeApi(init: { protocol?: Partial<Protocol>; studies?: Study[] } = {}): FakeApi {
  const state: State = {
    protocol: { ...emptyProtocol('Peer support for mental health'), ...init.protocol },
    counts: emptySearchCounts(),
    studies: init.studies ? clone(init.studies) : [],
    reviewers: [{ id: 'rev-1', name: 'Ada Reviewer', initials: 'AR', email: '', createdAt: now() }],
    reviewerId: 'rev-1',
  };
  const undoStack: { label: string; snapshot: State }[] = [];
  const audit: AuditEntry[] = [];
  let changeId = 0;

  const change = <T>(label: string, entity: string, entityId: string, action: AuditEntry['action'], fn: () => T): T => {
    const snapshot = clone(state);
    const result = fn();
    undoStack.push({ label, snapshot });
    changeId++;
    audit.unshift({
      id: audit.length + 1,
      changeId,
      at: now(),
      reviewerId: state.reviewerId,
      reviewerName: state.reviewers.find((r) => r.id === state.reviewerId)?.name ?? '',
      action,
      entity,
      entityId,
      fields: [],
      summary: label,
      undoneBy: null,
    });
    return result;
  };
  const status = () => ({ canUndo: undoStack.length > 0, undoLabel: undoStack.at(-1)?.label ?? null });
  const findStudy = (sid: string) => {
    const s = state.studies.find((x) => x.id === sid);
    if (!s) throw new ApiError('NOT_FOUND', `No study ${sid}`);
    return s;
  };
  const sorted = () => [...state.studies].sort((a, b) => a.label.localeCompare(b.label));

  // Methods of later stages are not faked: they answer UNSUPPORTED.
  const implemented: Partial<Handlers> = {
    'app.info': () => ({
      appVersion: '0.1.0-test',
      schemaVersion: 1,
      host: 'in-process',
      file: { path: '/reviews/peer-support.grove', name: 'peer-support.grove' },
      capabilities: { nativeFileDialogs: false },
    }),
    'review.summary': () => ({
      id: 'review-1',
      title: state.protocol.title,
      file: { path: '/reviews/peer-support.grove', name: 'peer-support.grove' },
      schemaVersion: 1,
      counts: {
        studies: state.studies.length,
        reports: state.studies.reduce((n, s) => n + s.reports.length, 0),
        reviewers: state.reviewers.length,
      },
      updatedAt: now(),
    }),
    'review.export': () => {
      throw new ApiError('UNSUPPORTED', 'not in the fake');
    },
    'protocol.get': () => clone(state.protocol),
    'protocol.update': ({ patch }) => {
      const next = protocolSchema.parse({ ...state.protocol, ...patch });
      const issues = protocolConsistencyIssues(next);
      if (issues.length) throw new ApiError('VALIDATION', 'inconsistent protocol', issues.map((i) => ({ ...i, path: `patch.${i.path}` })));
      return change(`Update protocol: ${Object.keys(patch).join(', ')}`, 'protocol', 'protocol', 'update', () => {
        state.protocol = next;
        return clone(next);
      });
    },
    'searchCounts.get': () => clone(state.counts),
    'searchCounts.update': ({ patch }) =>
      change('Update PRISMA counts', 'searchCounts', 'searchCounts', 'update', () => {
        state.counts = { ...state.counts, ...patch } as SearchCounts;
        return clone(state.counts);
      }),
    'reviewers.list': () => clone(state.reviewers),
    'reviewers.create': ({ reviewer }) =>
      change(`Add reviewer "${reviewer.name}"`, 'reviewer', 'new', 'create', () => {
        const r = { ...reviewer, id: id(), createdAt: now() };
        state.reviewers.push(r);
        return clone(r);
      }),
    'reviewers.update': ({ id: rid, patch }) =>
      change('Rename reviewer', 'reviewer', rid, 'update', () => {
        const r = state.reviewers.find((x) => x.id === rid)!;
        Object.assign(r, patch);
        return clone(r);
      }),
    'session.get': () => ({ reviewerId: state.reviewerId }),
    'session.setReviewer': ({ reviewerId }) => {
      state.reviewerId = reviewerId;
      return { reviewerId };
    },
    'studies.list': () => clone(sorted()),
    'studies.get': ({ id: sid }) => clone(findStudy(sid)),
    'studies.create': ({ study, reports }) =>
      change(`Add study "${study.label}"`, 'study', 'new', 'create', () => {
        const sid = id();
        const t = now();
        const s: Study = {
          ...study,
          id: sid,
          createdAt: t,
          updatedAt: t,
          reports: (reports ?? []).map((r): Report => ({ ...r, id: id(), studyId: sid, createdAt: t, updatedAt: t })),
        };
        state.studies.push(s);
        return clone(s);
      }),
    'studies.update': ({ id: sid, patch }) =>
      change(`Update study "${findStudy(sid).label}"`, 'study', sid, 'update', () => {
        const i = state.studies.findIndex((x) => x.id === sid);
        state.studies[i] = { ...state.studies[i]!, ...patch, updatedAt: now() };
        return clone(state.studies[i]!);
      }),
    'studies.delete': ({ id: sid }) =>
      change(`Delete study "${findStudy(sid).label}"`, 'study', sid, 'delete', () => {
        state.studies = state.studies.filter((x) => x.id !== sid);
        return { ok: true as const };
      }),
    'reports.create': ({ studyId, report }) =>
      change(`Add report to "${findStudy(studyId).label}"`, 'report', 'new', 'create', () => {
        const s = findStudy(studyId);
        const t = now();
        const r: Report = { ...report, id: id(), studyId, createdAt: t, updatedAt: t };
        (s.reports as Report[]).push(r);
        return clone(r);
      }),
    'reports.update': ({ id: rid, patch }) =>
      change('Update report', 'report', rid, 'update', () => {
        for (const s of state.studies) {
          const i = s.reports.findIndex((r) => r.id === rid);
          if (i >= 0) {
            const r = { ...s.reports[i]!, ...patch };
            (s.reports as Report[])[i] = r;
            return clone(r);
          }
        }
        throw new ApiError('NOT_FOUND', `No report ${rid}`);
      }),
    'reports.delete': ({ id: rid }) =>
      change('Delete report', 'report', rid, 'delete', () => {
        for (const s of state.studies) (s as { reports: Report[] }).reports = s.reports.filter((r) => r.id !== rid);
        return { ok: true as const };
      }),
    'audit.list': ({ limit }) => clone(audit.slice(0, limit ?? 100)),
    'history.status': () => status(),
    'history.undo': () => {
      const last = undoStack.pop();
      if (!last) return { ...status(), undone: null };
      Object.assign(state, last.snapshot);
      return { ...status(), undone: last.label };
    },
  };

  const handlers = Object.fromEntries(
    METHOD_NAMES.map((m) => [
      m,
      implemented[m] ??
        (() => {
          throw new ApiError('UNSUPPORTED', `${m} is not in the renderer's fake API`);
        }),
    ]),
  ) as unknown as Handlers;

  const calls: { method: MethodName; args: unknown }[] = [];
  const failures = new Map<MethodName, ApiError>();
  const inner = inProcessClient(handlers);
  const client: ApiClient = {
    call(method, args) {
      calls.push({ method, args: clone(args) });
      const failure = failures.get(method);
      if (failure) {
        failures.delete(method);
        return Promise.reject(failure);
      }
      return inner.call(method, args);
    },
  };
  return {
    client,
    calls,
    state,
    callsTo: (m) => calls.filter((c) => c.method === m).map((c) => c.args),
    failNext: (m, e) => void failures.set(m, e),
  };
}

export function makeStudy(label: string, reports: Partial<Report>[] = []): Study {
  const sid = `study-${label.replace(/\W/g, '')}`;
  const t = '2024-01-01T00:00:00.000Z';
  return {
    id: sid,
    label,
    status: 'included',
    identifiers: '',
    notes: '',
    createdAt: t,
    updatedAt: t,
    reports: reports.map((r, i) => ({
      title: '',
      authors: '',
      journal: '',
      year: null,
      doi: '',
      pmid: '',
      citation: '',
      isPrimary: i === 0,
      notes: '',
      id: `${sid}-r${i}`,
      studyId: sid,
      createdAt: t,
      updatedAt: t,
      ...r,
    })),
  };
}
