import type { ReportTable } from '@grove/shared';

// A ReportTable as a journal prints it: title above, three horizontal rules (above and
// below the header, at the foot), italic group headings, footnotes below. The same
// markup is shown on screen (inside a paper preview) and in the print view.

export function JournalTable({ table, id }: { table: ReportTable; id?: string }) {
  const n = table.columns.length;
  return (
    <div className="journal" id={id}>
      <table className="journal__table">
        <caption className="journal__title">{table.title}</caption>
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th key={`${c}-${i}`} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        {table.groups.map((g, gi) => (
          <tbody key={gi}>
            {g.heading ? (
              <tr>
                <th className="journal__group" colSpan={n} scope="rowgroup">
                  {g.heading}
                </th>
              </tr>
            ) : null}
            {g.rows.map((r, ri) => (
              <tr key={ri}>
                {r.map((cell, ci) => {
                  const [first, ...rest] = cell.split('\n');
                  const content = (
                    <>
                      {first}
                      {rest.map((line, li) => (
                        <span key={li} className="journal__sub">
                          {line}
                        </span>
                      ))}
                    </>
                  );
                  return ci === 0 ? (
                    <th key={ci} scope="row">
                      {content}
                    </th>
                  ) : (
                    // Short cells (numbers, estimates with their CI) never break across lines.
                    <td key={ci} className={cell.length <= 30 && !cell.includes('\n') ? 'journal__nowrap' : undefined}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        ))}
        {table.groups.every((g) => g.rows.length === 0) ? (
          <tbody>
            <tr>
              <td colSpan={n} className="journal__empty">
                No rows.
              </td>
            </tr>
          </tbody>
        ) : null}
      </table>
      {table.footnotes.map((f, i) => (
        <p key={i} className="journal__note">
          {f}
        </p>
      ))}
    </div>
  );
}
