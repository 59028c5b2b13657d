/**
 * The HTTP adapter's own edge cases, against a real node:http server on 127.0.0.1 (port 0): how bytes, resets,
 * hangs and redirects on the wire become an answer or an `HttpRequestFailure`.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpRequestFailure, sendHttpRequest } from '../../../src/vikunja/node-http.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(async (server) => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }),
  );
});

/** A server whose handler sees each request with its whole body read; returns its base URL and what it received. */
async function serve(handler: (request: Received, response: ServerResponse, socket: Socket) => unknown) {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      void handler(request, res, req.socket);
    });
  });
  server.on('connection', (socket: Socket) => sockets.add(socket));
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, sockets };
}

const get = (url: string, timeoutMs = 5_000) => sendHttpRequest({ method: 'GET', url, headers: { accept: 'application/json' }, timeoutMs });

async function failureOf(promise: Promise<unknown>): Promise<HttpRequestFailure> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(HttpRequestFailure);
  return error as HttpRequestFailure;
}

describe('sendHttpRequest: answers', () => {
  it('decodes a multi-byte UTF-8 character split across two chunks', async () => {
    const text = '{"title":"naïve 日本語 🎉 done"}';
    const bytes = Buffer.from(text, 'utf8');
    // Cut inside the 4-byte emoji: each half alone is not valid UTF-8.
    const cut = bytes.indexOf(Buffer.from('🎉', 'utf8')) + 2;
    const { url } = await serve(async (_request, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(bytes.length) });
      res.write(bytes.subarray(0, cut));
      // Let the first half reach the client as its own chunk before the rest.
      await sleep(50);
      res.end(bytes.subarray(cut));
    });
    const answer = await get(`${url}/split`);
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(text);
  });

  it('reads a large body completely (several MB, many chunks)', async () => {
    const line = `${'x'.repeat(60)}é\n`;
    const text = line.repeat(100_000);
    const { url } = await serve((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(text);
    });
    const answer = await get(`${url}/large`);
    expect(answer.text.length).toBe(text.length);
    expect(answer.text === text).toBe(true);
  });

  it('returns a 3xx as its status, with its location, and does not follow it', async () => {
    const { url, received } = await serve((request, res) => {
      if (request.url === '/old') res.writeHead(302, { location: '/new' }).end();
      else res.writeHead(200).end('{"followed":true}');
    });
    const answer = await sendHttpRequest({ method: 'POST', url: `${url}/old`, headers: { 'content-type': 'application/json' }, body: '{"a":1}', timeoutMs: 5_000 });
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe('/new');
    expect(received.map((request) => `${request.method} ${request.url}`)).toEqual(['POST /old']);
  });

  it('returns a 304 with an empty body', async () => {
    const { url } = await serve((_request, res) => {
      res.writeHead(304, { etag: '"1"' }).end();
    });
    const answer = await sendHttpRequest({ method: 'PATCH', url: `${url}/tasks/1`, headers: {}, body: '{}', timeoutMs: 5_000 });
    expect(answer).toMatchObject({ status: 304, text: '' });
    expect(answer.headers.etag).toBe('"1"');
  });

  it('sends the body as UTF-8 with its byte length, the query as given, and no accept-encoding', async () => {
    const { url, received } = await serve((_request, res) => res.writeHead(201).end('{}'));
    const body = JSON.stringify({ title: 'Überprüfung 🎉' });
    await sendHttpRequest({ method: 'PUT', url: `${url}/projects/3/tasks?s=a+b&sort_by=id&sort_by=done`, headers: { 'content-type': 'application/json' }, body, timeoutMs: 5_000 });
    expect(received).toHaveLength(1);
    expect(received[0]?.url).toBe('/projects/3/tasks?s=a+b&sort_by=id&sort_by=done');
    expect(received[0]?.body).toBe(body);
    expect(received[0]?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(received[0]?.headers['accept-encoding']).toBeUndefined();
  });

  it('reuses one connection for requests in sequence (keep-alive)', async () => {
    const { url, sockets } = await serve((_request, res) => res.writeHead(200).end('{}'));
    for (let index = 0; index < 3; index += 1) expect((await get(`${url}/info`)).status).toBe(200);
    expect(sockets.size).toBe(1);
  });
});

describe('sendHttpRequest: failures', () => {
  it('a reset after the headers is a failure with the response known and the request sent, not a short body', async () => {
    const { url } = await serve((_request, res, socket) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"id":');
      setTimeout(() => socket.resetAndDestroy(), 30);
    });
    const failure = await failureOf(get(`${url}/tasks/1`));
    expect(failure.response).toEqual({ statusCode: 200 });
    expect(failure.timings.upload).toBeTypeOf('number');
    expect(failure.code).toBe('ECONNRESET');
  });

  it('a connection closed in the middle of the body (no reset, a plain close) is a failure, not a short body', async () => {
    const { url } = await serve((_request, res, socket) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"id":');
      setTimeout(() => socket.destroy(), 30);
    });
    const failure = await failureOf(get(`${url}/tasks/1`));
    expect(failure.response).toEqual({ statusCode: 200 });
    expect(failure.code).toBe('ECONNRESET');
  });

  it('a connection dropped before any byte of the answer is a failure after the request was sent, with no response', async () => {
    const { url } = await serve((_request, _res, socket) => {
      socket.destroy();
    });
    const failure = await failureOf(sendHttpRequest({ method: 'PUT', url: `${url}/projects/1/tasks`, headers: {}, body: '{"title":"t"}', timeoutMs: 5_000 }));
    expect(failure.response).toBeUndefined();
    expect(failure.timings.upload).toBeTypeOf('number');
    expect(failure.code).toBe('ECONNRESET');
  });

  it('a refused connection is a failure before anything was sent', async () => {
    const { url } = await serve(() => undefined);
    const server = servers.pop();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    const failure = await failureOf(get(`${url}/info`));
    expect(failure).toMatchObject({ code: 'ECONNREFUSED', response: undefined, timings: { upload: undefined } });
  });

  it('times out a server that never answers, and closes the connection to it', async () => {
    const { url, sockets } = await serve(() => undefined);
    const failure = await failureOf(get(`${url}/hang`, 200));
    expect(failure).toMatchObject({ code: 'ETIMEDOUT', response: undefined });
    expect(failure.timings.upload).toBeTypeOf('number');
    const [socket] = [...sockets];
    if (socket === undefined) throw new Error('the server saw no connection');
    if (!socket.destroyed) await once(socket, 'close');
    expect(socket.destroyed).toBe(true);
  });

  it('the timeout covers the body too: headers then silence is a timeout with the response known', async () => {
    const { url } = await serve((_request, res) => {
      res.writeHead(200, { 'content-length': '10' });
      res.write('{"a"');
    });
    const failure = await failureOf(get(`${url}/slow-body`, 300));
    expect(failure).toMatchObject({ code: 'ETIMEDOUT', response: { statusCode: 200 } });
  });

  it('an https URL speaks TLS (node:https): a server that answers no handshake is a failure with a code, no response', async () => {
    const firstBytes: Buffer[] = [];
    const server = createNetServer((socket) => {
      socket.once('data', (chunk: Buffer) => {
        firstBytes.push(chunk);
        socket.destroy();
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const failure = await failureOf(get(`https://127.0.0.1:${port}/api/v1/info`));
      expect(failure.response).toBeUndefined();
      expect(failure.code).not.toBe('ERR_UNKNOWN');
      // A TLS handshake record (0x16) of TLS 1.x (0x03 ..): the request went through node:https, not plain http.
      expect([firstBytes[0]?.[0], firstBytes[0]?.[1]]).toEqual([0x16, 0x03]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('carries only a code and a message: the request and its headers are not on the failure', async () => {
    const token = 'tk_0123456789abcdef0123456789abcdef01234567';
    const { url } = await serve((_request, _res, socket) => socket.destroy());
    const failure = await failureOf(
      sendHttpRequest({ method: 'GET', url: `${url}/user`, headers: { authorization: `Bearer ${token}` }, timeoutMs: 5_000 }),
    );
    expect(failure.cause).toBeUndefined();
    expect(JSON.stringify({ ...failure, message: failure.message, stack: failure.stack })).not.toContain(token);
  });
});
