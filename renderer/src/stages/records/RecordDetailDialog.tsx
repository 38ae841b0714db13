import { errorMessage } from '../../api/client.ts';
import { FullTextPane } from '../screening/fulltext/FullTextPane.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { authorsShort } from './ImportWizard.tsx';
import { useRecord } from './queries.ts';

// One record: its fields, where it came from, what was merged into it (or what it was merged
// into, with a way to undo that merge), and its raw text as the export had it.

export function RecordDetailDialog(props: {
  id: string | null;
  onClose: () => void;
  onOpen: (id: string) => void;
  onUnmerge: (id: string) => void;
}) {
  const q = useRecord(props.id);
  const r = q.data;
  return (
    <Dialog open={props.id !== null} onOpenChange={(open) => (open ? undefined : props.onClose())} title={r?.title ?? 'Record'} wide>
      {q.error ? <p role="alert">{errorMessage(q.error)}</p> : null}
      {r ? (
        <div className="records-detail">
          <dl>
            <dt>Authors</dt>
            <dd>{authorsShort(r.authors)}</dd>
            <dt>Published</dt>
            <dd>
              {[r.journal, r.year, r.volume && `${r.volume}${r.issue ? `(${r.issue})` : ''}`, r.pages].filter(Boolean).join(' · ') || '—'}
            </dd>
            <dt>Identifiers</dt>
            <dd>
              {[r.doi && `DOI ${r.doi}`, r.pmid && `PMID ${r.pmid}`, r.pmcid, r.embaseId && `Embase ${r.embaseId}`, ...r.registryIds]
                .filter(Boolean)
                .join(' · ') || '—'}
            </dd>
            <dt>From</dt>
            <dd>
              {r.source}
              {r.fileName ? `, ${r.fileName} line ${r.line}` : ''} (id {r.sourceId})
            </dd>
            <dt>Status</dt>
            <dd>
              {r.mergedInto ? (
                <>
                  duplicate of{' '}
                  <button type="button" className="link-button" onClick={() => props.onOpen(r.mergedInto!)}>
                    another record
                  </button>{' '}
                  <button type="button" className="button" onClick={() => props.onUnmerge(r.id)}>
                    Not a duplicate: unmerge
                  </button>
                </>
              ) : r.members.length > 0 ? (
                `kept; ${r.members.length} record(s) merged into it (${r.members.map((m) => (m.method === 'automatic' ? 'automatically' : `by ${m.reviewerName || 'a reviewer'}`)).join(', ')})`
              ) : (
                'remaining'
              )}
            </dd>
          </dl>
          {r.abstract ? <p className="records-detail__abstract">{r.abstract}</p> : null}
          <h3>Full text</h3>
          <FullTextPane recordId={r.id} />
          <details>
            <summary>Raw text from the export</summary>
            <pre className="records-detail__raw">{r.raw}</pre>
          </details>
        </div>
      ) : null}
    </Dialog>
  );
}
