/**
 * A tiny node:http server for unit tests of the Vikunja client: records every request and lets each test
 * script the answers (including dropped connections).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the stub saw it. */
export interface StubRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  rawBody: string;
}

/** What a handler may do with a request. */
export interface StubReply {
  json(status: number, body: unknown, headers?: Record<string, string>): void;
  text(status: number, body: string, headers?: Record<string, string>): void;
  /** Destroys the socket without answering (after the body was read). */
  drop(): void;
}

/** A handler; may be async (to add latency). */
export type StubHandler = (request: StubRequest, reply: StubReply) => void | Promise<void>;

/** A running stub. */
export interface Stub {
  url: string;
  requests: StubRequest[];
  close(): Promise<void>;
}

/** Answers `/api/v1/info` like a Vikunja of this version; returns false for other paths. */
export function replyInfo(
  request: StubRequest,
  reply: StubReply,
  info: { version?: string; max_items_per_page?: number; concurrent_writes?: boolean } = {},
  prefix = '',
): boolean {
  if (request.path !== `${prefix}/api/v1/info`) return false;
  reply.json(200, { version: 'v2.5.0', max_items_per_page: 50, concurrent_writes: false, ...info });
  return true;
}

/** Starts a stub on 127.0.0.1 with an ephemeral port. */
export async function startStub(handler: StubHandler, pathPrefix = ''): Promise<Stub> {
  const requests: StubRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://stub');
      let body: unknown;
      try {
        body = rawBody.length > 0 ? JSON.parse(rawBody) : undefined;
      } catch {
        body = rawBody;
      }
      const request: StubRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, rawBody };
      requests.push(request);
      const reply: StubReply = {
        json(status, value, headers = {}) {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(JSON.stringify(value));
        },
        text(status, value, headers = {}) {
          res.writeHead(status, { 'content-type': 'text/html', ...headers });
          res.end(value);
        },
        drop() {
          req.socket.destroy();
        },
      };
      Promise.resolve(handler(request, reply)).catch((error: unknown) => {
        res.writeHead(599);
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${pathPrefix}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
