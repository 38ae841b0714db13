import type { PrismaIdentification, SearchLogEntry } from '@grove/shared';

// The search log (one entry per search: what was searched where and when, the records the
// database reported next to those read, the lines that could not be read) and the PRISMA
// identification counts that follow from it and from deduplication.

export function PrismaCounts({ prisma }: { prisma: PrismaIdentification }) {
  return (
    <section className="records-prisma" aria-labelledby="records-prisma-title">
      <h2 id="records-prisma-title">PRISMA identification</h2>
      <dl data-testid="prisma-counts">
        <dt>Records identified from databases and registers</dt>
        <dd data-count="databaseRecords">{prisma.databaseRecords}</dd>
        <dt>Records identified from other methods</dt>
        <dd data-count="otherSourceRecords">{prisma.otherSourceRecords}</dd>
        <dt>Duplicate records removed</dt>
        <dd data-count="duplicatesRemoved">{prisma.duplicatesRemoved}</dd>
        <dt>Records removed for other reasons</dt>
        <dd data-count="otherRemovals">{prisma.otherRemovals}</dd>
        <dt>Imported records to screen</dt>
        <dd data-count="recordsToScreen">{prisma.recordsToScreen}</dd>
      </dl>
      {prisma.sources.length > 0 ? (
        <table className="records-prisma__sources">
          <caption>Records identified per source</caption>
          <tbody>
            {prisma.sources.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.source}</th>
                <td>{s.identified}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

export function SearchLog({ entries }: { entries: readonly SearchLogEntry[] }) {
  if (entries.length === 0) return <p className="records-log__empty">No search is logged yet. Import an export file to log its search.</p>;
  return (
    <table className="records-log">
      <caption>Search log</caption>
      <thead>
        <tr>
          <th scope="col">Source</th>
          <th scope="col">Interface</th>
          <th scope="col">Searched</th>
          <th scope="col">File</th>
          <th scope="col">Reported</th>
          <th scope="col">Read</th>
          <th scope="col">Not read</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id}>
            <th scope="row">{e.source}</th>
            <td>{e.interface || '—'}</td>
            <td>{e.searchedOn ?? '—'}</td>
            <td>{e.fileName ? `${e.fileName} (${e.format ?? '?'})` : 'entered by hand'}</td>
            <td>{e.hitsReported ?? '—'}</td>
            <td>{e.origin === 'imported' ? e.recordsParsed : '—'}</td>
            <td>
              {e.skipped.length === 0
                ? '—'
                : e.skipped.slice(0, 5).map((p) => (
                    <span key={p.line} className="records-log__skip">
                      line {p.line}: {p.message}
                    </span>
                  ))}
              {e.skipped.length > 5 ? <span> and {e.skipped.length - 5} more</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
