import type http from 'node:http';
import type { ProgressEvent } from '@grove/shared';

// The browser host's progress stream (GET /progress, server-sent events): every page that
// subscribed hears each ProgressEvent of a long operation as one `data:` line. An import or a
// deduplication runs synchronously in this process, so each event is pushed to the socket
// at once (uncorked) rather than when the operation has finished and the event loop turns.

export class ProgressStream {
  private readonly clients = new Set<http.ServerResponse>();

  /** Answers a GET /progress whose checks passed: keeps the response open as an event stream. */
  subscribe(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    // A comment line, so the browser's EventSource knows the stream is open.
    res.write(': grove progress\n\n');
    this.clients.add(res);
    const drop = () => this.clients.delete(res);
    req.once('close', drop);
    res.once('close', drop);
  }

  publish(event: ProgressEvent): void {
    const line = `data: ${JSON.stringify(event)}\n\n`;
    for (const res of this.clients) {
      res.write(line);
      // res.write corks the socket until the next tick, which a synchronous import would
      // hold back to its end: send now.
      res.socket?.uncork();
    }
  }

  get size(): number {
    return this.clients.size;
  }
}
