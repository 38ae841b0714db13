import { useAppInfo } from '../data/queries.ts';

// Why the open review cannot be changed (another Grove is editing it, the file or its
// folder is read-only) and what the user should know about where it is kept (a
// cloud-synced folder), from app.info. One line each, above every stage.

// Styled here so the banner stays one file (the CSP allows inline styles).
const STYLE = { margin: '8px 16px 0', padding: '6px 10px', border: '1px solid #d9b65c', borderRadius: 4, background: '#fdf6e3' } as const;

export function ReadOnlyBanner() {
  const file = useAppInfo().data?.file;
  if (!file?.readOnly && !file?.warnings?.length) return null;
  return (
    <>
      {file.readOnly ? (
        <div className="read-only-banner" role="status" style={STYLE}>
          <strong>Read-only.</strong> {file.readOnly}
        </div>
      ) : null}
      {(file.warnings ?? []).map((w) => (
        <div key={w} className="read-only-banner" role="note" style={STYLE}>
          {w}
        </div>
      ))}
    </>
  );
}
