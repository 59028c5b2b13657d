/**
 * The HTTP adapter under the transport: one request over `node:http` (`node:https` is loaded only for an https
 * URL), read whole as UTF-8 text. It follows no redirect (a 3xx comes back as its status), keeps connections
 * alive through Node's default agent, and bounds the whole request — connect, upload, headers and body — by one
 * timeout, after which the socket is destroyed. It sends no `accept-encoding`, so servers answer uncompressed
 * and nothing here decompresses (a server that compresses anyway yields bytes that are not JSON, which the
 * policy reports as such). What an answer or a failure means is decided in `http-policy.ts`.
 */
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage, RequestOptions } from 'node:http';
import { request as httpRequest } from 'node:http';
import type { TransportFailure } from './http-policy.js';

/** One HTTP request as the transport sends it. */
export interface HttpRequest {
  method: string;
  /** Absolute http(s) URL, query included. */
  url: string;
  headers: Readonly<Record<string, string>>;
  /** Sent as UTF-8 with its `content-length`. */
  body?: string | undefined;
  /** Bound on the whole request, from the call until the last byte of the answer. */
  timeoutMs: number;
}

/** A complete answer of any status (3xx included: redirects are not followed). */
export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body decoded as UTF-8 (empty for a 204 or 304). */
  text: string;
}

/**
 * A request that ended without a complete answer. It carries only the error code, its message and what was known
 * when it failed — never the request, its headers (the token) or Node's own error object.
 */
export class HttpRequestFailure extends Error implements TransportFailure {
  override readonly name = 'HttpRequestFailure';
  /** Node's error code (`ECONNREFUSED`, `ECONNRESET`, …), `ETIMEDOUT` for the whole-request timeout. */
  readonly code: string;
  /** `upload`: when the whole request had been handed to the socket, if it had. */
  readonly timings: { upload: number | undefined };
  /** Set when the answer's status line and headers had arrived. */
  readonly response: { statusCode: number } | undefined;

  constructor(code: string, message: string, uploadedAt: number | undefined, statusCode: number | undefined) {
    super(message);
    this.code = code;
    this.timings = { upload: uploadedAt };
    this.response = statusCode === undefined ? undefined : { statusCode };
  }
}

type RequestFunction = (url: URL, options: RequestOptions) => ClientRequest;

let httpsRequest: Promise<RequestFunction> | undefined;

/** `node:https` costs start-up time that an http URL does not need: it is loaded for the first https request. */
function loadHttpsRequest(): Promise<RequestFunction> {
  httpsRequest ??= import('node:https').then((module) => module.request);
  return httpsRequest;
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code !== '' ? code : 'ERR_UNKNOWN';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Sends one request and reads its whole answer. Resolves with any status; rejects with `HttpRequestFailure`
 * when no complete answer arrived (refused, reset before or during the answer, timeout).
 */
export async function sendHttpRequest(request: HttpRequest): Promise<HttpResponse> {
  const url = new URL(request.url);
  const send: RequestFunction = url.protocol === 'https:' ? await loadHttpsRequest() : httpRequest;
  const headers: Record<string, string> = { ...request.headers };
  if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body, 'utf8'));

  return new Promise<HttpResponse>((resolve, reject) => {
    let uploadedAt: number | undefined;
    let response: IncomingMessage | undefined;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const fail = (code: string, message: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new HttpRequestFailure(code, message, uploadedAt, response?.statusCode));
    };

    let outgoing: ClientRequest;
    try {
      outgoing = send(url, { method: request.method, headers });
    } catch (error) {
      // Node checks headers synchronously (e.g. a token holding a character a header cannot carry).
      fail(codeOf(error), messageOf(error));
      return;
    }
    timer = setTimeout(() => {
      fail('ETIMEDOUT', `no complete answer within ${request.timeoutMs} ms (the whole request's timeout)`);
      // Destroying the request closes the socket: a hung server keeps no connection of ours.
      outgoing.destroy();
    }, request.timeoutMs);
    // `finish`: the whole request was handed to the socket — from then on the server may have acted on it.
    outgoing.once('finish', () => {
      uploadedAt = Date.now();
    });
    // Kept for the request's life (not `once`): a second error after settling must not be an unhandled one.
    outgoing.on('error', (error) => fail(codeOf(error), messageOf(error)));
    outgoing.once('response', (incoming) => {
      response = incoming;
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      // A socket reset mid-body: Node destroys the answer with ECONNRESET "aborted".
      incoming.on('error', (error) => fail(codeOf(error), messageOf(error)));
      incoming.once('close', () => {
        if (!incoming.complete) fail('ECONNRESET', 'the connection closed before the whole answer arrived');
      });
      incoming.once('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        // Decoded once, from all the bytes: a multi-byte character may be split across chunks.
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    outgoing.end(request.body);
  });
}
