import { useEffect, useState } from 'react';
import type { PdfAttachment } from '@grove/shared';
import { useClient } from '../../../api/client.ts';
import { blobPdfUrl, httpPdfUrl, isElectron, sessionToken } from './pdf-url.ts';

// One attached PDF in the browser's own viewer, in an <iframe> (the page's policy allows
// frames of its own origin only; <object> stays forbidden).

export function PdfFrame({ attachment }: { attachment: PdfAttachment }) {
  const client = useClient();
  const electron = isElectron();
  const [blobUrl, setBlobUrl] = useState<{ id: string; url: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!electron) return;
    const abort = new AbortController();
    let made: string | null = null;
    setError(null);
    blobPdfUrl(client, attachment.id, abort.signal).then(
      (url) => {
        made = url;
        if (abort.signal.aborted) URL.revokeObjectURL(url);
        else setBlobUrl({ id: attachment.id, url });
      },
      (err: unknown) => {
        if (!abort.signal.aborted) setError(err instanceof Error ? err.message : String(err));
      },
    );
    return () => {
      abort.abort();
      if (made) URL.revokeObjectURL(made);
    };
  }, [client, electron, attachment.id]);

  if (error) return <p role="alert">{`${attachment.fileName} could not be shown: ${error}`}</p>;
  const src = electron ? (blobUrl?.id === attachment.id ? blobUrl.url : null) : httpPdfUrl(attachment.id, sessionToken());
  if (!src) return <p className="muted">Opening {attachment.fileName}…</p>;
  return <iframe className="fulltext-pane__frame" title={`Full text: ${attachment.fileName}`} src={src} />;
}
