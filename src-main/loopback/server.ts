import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { dispatch, type Handlers } from '../contract/dispatch';
import type { ApiErrorShape, Envelope } from '../contract/errors';
import { RENDERER_CSP } from '../electron/csp';

/**
 * HTTP transport of the contract, FOR TESTS AND DEVELOPMENT ONLY: it lets the real renderer run
 * in a browser (Playwright, or a developer's) against the real main-process services.
 * The desktop app never starts it. Defences, since any local process or web page can reach
 * 127.0.0.1: loopback bind only, a random per-run token on every API call, Origin and Host
 * checks (against cross-site requests and DNS rebinding), JSON-only bodies with a size cap.
 */
export const TOKEN_HEADER = 'x-yieldplan-token';
const MAX_BODY_BYTES = 4 * 1024 * 1024; // a 2 MiB document plus JSON escaping headroom
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

export interface LoopbackOptions {
  handlers: Handlers;
  /** The built renderer (out/renderer); omit to serve the API only. */
  rendererDir?: string;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to 32 random bytes; tests may fix it. */
  token?: string;
  onInternalError?: (op: string, error: unknown) => void;
}

export interface LoopbackServer {
  /** Origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  token: string;
  /** What to open in a browser: the renderer with the token in the URL fragment (never sent to the server). */
  appUrl: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const BASE_HEADERS = {
  'content-security-policy': RENDERER_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

function sendJson(res: http.ServerResponse, status: number, body: Envelope<unknown>): void {
  res.writeHead(status, {
    ...BASE_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

function sendError(res: http.ServerResponse, status: number, error: ApiErrorShape): void {
  sendJson(res, status, { ok: false, error });
}

const STATUS_BY_CODE: Record<ApiErrorShape['code'], number> = {
  VALIDATION: 400,
  UNKNOWN_OP: 404,
  NOT_FOUND: 404,
  DRAFT_DELETED: 409,
  CONFLICT: 409,
  FORBIDDEN: 403,
  DATA_REJECTED: 422,
  UNAVAILABLE: 503,
  CANCELLED: 409,
  BUSY: 429,
  BUDGET_EXCEEDED: 422,
  DB_CORRUPT: 503,
  DB_FULL: 507,
  DB_READ_ONLY: 503,
  DB_TOO_NEW: 503,
  DB_FOREIGN: 503,
  INTERNAL: 500,
};

function tokensEqual(given: string | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooBig = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    // 'aborted' without 'error' on some Node versions: settle so nothing waits forever.
    req.on('close', () => {
      if (!req.complete)
        reject(Object.assign(new Error('client disconnected'), { code: 'ECONNRESET' }));
    });
  });
}

/** `application/json`, optionally with parameters (`; charset=utf-8`), and nothing else. */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const mediaType = header.split(';', 1)[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

/**
 * The path of an origin-form request target (`/api/x?y`), or null for anything else: an
 * absolute-form target (`http://[::1/`), `*`, or one the URL parser refuses.
 */
export function requestPath(target: string | undefined): string | null {
  if (target === undefined || !target.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(target, 'http://loopback.invalid').pathname;
  } catch {
    return null;
  }
}

function isClientDisconnect(error: unknown, req: http.IncomingMessage): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return req.destroyed || code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE';
}

export function assertLoopbackHost(host: string): void {
  if (!LOOPBACK_HOSTS.has(host)) {
    throw new Error(`loopback server refuses to bind to ${host}: only 127.0.0.1, ::1 or localhost`);
  }
}

export async function startLoopbackServer(options: LoopbackOptions): Promise<LoopbackServer> {
  const host = options.host ?? '127.0.0.1';
  assertLoopbackHost(host);
  const token = options.token ?? randomBytes(32).toString('base64url');
  const rendererDir = options.rendererDir ? path.resolve(options.rendererDir) : null;
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, op: string) {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return sendError(res, 405, { code: 'FORBIDDEN', message: 'use POST' });
    }
    const reqOrigin = req.headers.origin;
    if (reqOrigin !== undefined && !allowedOrigins.has(reqOrigin)) {
      return sendError(res, 403, { code: 'FORBIDDEN', message: 'foreign origin refused' });
    }
    const given = req.headers[TOKEN_HEADER];
    if (!tokensEqual(Array.isArray(given) ? given[0] : given, token)) {
      return sendError(res, 403, { code: 'FORBIDDEN', message: 'missing or wrong token' });
    }
    // Requiring JSON also forces a CORS preflight for any cross-site fetch, which we never answer.
    if (!isJsonContentType(req.headers['content-type'])) {
      return sendError(res, 415, { code: 'VALIDATION', message: 'content-type must be JSON' });
    }
    const body = await readBody(req);
    if (body === null) {
      return sendError(res, 413, { code: 'VALIDATION', message: 'request body too large' });
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      return sendError(res, 400, { code: 'VALIDATION', message: 'request body is not JSON' });
    }
    let opName: string;
    try {
      opName = decodeURIComponent(op);
    } catch {
      return sendError(res, 400, { code: 'VALIDATION', message: 'malformed operation name' });
    }
    const envelope = await dispatch(
      options.handlers,
      opName,
      input,
      { transport: 'loopback' },
      options.onInternalError ? { onInternalError: options.onInternalError } : {},
    );
    sendJson(res, envelope.ok ? 200 : STATUS_BY_CODE[envelope.error.code], envelope);
  }

  function handleStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...BASE_HEADERS, allow: 'GET, HEAD' });
      return res.end();
    }
    if (!rendererDir) {
      res.writeHead(404, BASE_HEADERS);
      return res.end();
    }
    let relative: string;
    try {
      relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
    } catch {
      return sendError(res, 400, { code: 'VALIDATION', message: 'malformed path' });
    }
    const file = path.resolve(rendererDir, relative);
    // Path traversal guard: the resolved file must stay inside the renderer folder.
    if (
      !file.startsWith(rendererDir + path.sep) ||
      !fs.existsSync(file) ||
      !fs.statSync(file).isFile()
    ) {
      res.writeHead(404, { ...BASE_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      return res.end('not found');
    }
    res.writeHead(200, {
      ...BASE_HEADERS,
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file).pipe(res);
  }

  const server = http.createServer((req, res) => {
    // DNS-rebinding guard: a page on evil.example resolving to 127.0.0.1 sends Host: evil.example.
    if (!allowedHosts.has(req.headers.host ?? '')) {
      return sendError(res, 403, { code: 'FORBIDDEN', message: 'unexpected Host header' });
    }
    // Everything, the request target's parsing included, runs inside the promise chain: a throw
    // anywhere is an answer (400 for a target we cannot read, else 500), never a crash.
    Promise.resolve()
      .then(() => {
        const pathname = requestPath(req.url);
        if (pathname === null) {
          return sendError(res, 400, { code: 'VALIDATION', message: 'malformed request target' });
        }
        const api = /^\/api\/([^/]+)$/.exec(pathname);
        return api?.[1] ? handleApi(req, res, api[1]) : handleStatic(req, res, pathname);
      })
      .catch((error: unknown) => {
        // A client that hangs up mid-body is ordinary: no stack in the log for it.
        if (isClientDisconnect(error, req)) return void res.destroy();
        options.onInternalError?.('loopback', error);
        if (!res.headersSent) sendError(res, 500, { code: 'INTERNAL', message: 'server error' });
        else res.destroy();
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const origin = `http://${urlHost}:${port}`;
  allowedHosts = new Set([`${urlHost}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));

  return {
    origin,
    token,
    appUrl: `${origin}/#token=${encodeURIComponent(token)}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
