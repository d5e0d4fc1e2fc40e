import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isJsonContentType,
  requestPath,
  startLoopbackServer,
  TOKEN_HEADER,
  type LoopbackServer,
} from '../../src-main/loopback/server';
import { contractHarness } from '../contract/harness';

/**
 * Issue 19, item 1 and the loopback parts of item 9: raw requests a local process could send.
 */
let h: ReturnType<typeof contractHarness>;
let server: LoopbackServer;
const internalErrors: unknown[] = [];

beforeAll(async () => {
  h = contractHarness();
  server = await startLoopbackServer({
    handlers: h.handlers,
    onInternalError: (_op, error) => internalErrors.push(error),
  });
});
afterAll(async () => {
  await server.close();
  await h.close();
});

/** Sends raw bytes and resolves with the status line of the answer (or '' if the socket closed). */
function raw(text: string, options: { endEarly?: boolean } = {}): Promise<string> {
  const { port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => {
      socket.write(text);
      if (options.endEarly) socket.destroy();
    });
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('error', (error) => (options.endEarly ? resolve('') : reject(error)));
  });
}

const host = () => new URL(server.origin).host;

describe('loopback server under malformed requests', () => {
  it('answers an absolute-form target that new URL() throws on with 400 and keeps serving', async () => {
    const status = await raw(
      `GET http://[::1/ HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`,
    );
    expect(status).toMatch(/^HTTP\/1\.1 400/);
    const next = await raw(`GET / HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
    expect(next).toMatch(/^HTTP\/1\.1 404/); // no renderer folder: served, not crashed
  });

  it('reads only origin-form targets', () => {
    expect(requestPath('/api/app.info?x=1')).toBe('/api/app.info');
    expect(requestPath('http://[::1/')).toBeNull();
    expect(requestPath('http://127.0.0.1/api/app.info')).toBeNull();
    expect(requestPath('*')).toBeNull();
    expect(requestPath('//evil.example/')).toBeNull();
  });

  it('matches the JSON content type exactly', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('Application/JSON; charset=utf-8')).toBe(true);
    expect(isJsonContentType('application/jsonfoo')).toBe(false);
    expect(isJsonContentType('application/json-seq')).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
  });

  it('refuses application/jsonfoo with 415', async () => {
    const body = '{}';
    const status = await raw(
      `POST /api/app.info HTTP/1.1\r\nHost: ${host()}\r\n${TOKEN_HEADER}: ${server.token}\r\n` +
        `Content-Type: application/jsonfoo\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(status).toMatch(/^HTTP\/1\.1 415/);
  });

  it('answers a bad %-escape in an op name with 400, not 500', async () => {
    const body = '{}';
    const status = await raw(
      `POST /api/%E0%A4%A HTTP/1.1\r\nHost: ${host()}\r\n${TOKEN_HEADER}: ${server.token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(status).toMatch(/^HTTP\/1\.1 400/);
  });

  it('logs nothing when a client disconnects mid-body', async () => {
    internalErrors.length = 0;
    await raw(
      `POST /api/drafts.create HTTP/1.1\r\nHost: ${host()}\r\n${TOKEN_HEADER}: ${server.token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"name":"half`,
      { endEarly: true },
    );
    // The server notices the hang-up asynchronously; a served request afterwards orders the events.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await raw(`GET / HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
    expect(after).toMatch(/^HTTP\/1\.1/);
    expect(internalErrors).toEqual([]);
  });
});
