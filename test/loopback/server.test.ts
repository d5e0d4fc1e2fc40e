import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startLoopbackServer,
  TOKEN_HEADER,
  type LoopbackServer,
} from '../../src-main/loopback/server';
import { contractHarness } from '../contract/harness';
import { tempDir } from '../db/temp-db';

let h: ReturnType<typeof contractHarness>;
let server: LoopbackServer;
let site: ReturnType<typeof tempDir>;

beforeAll(async () => {
  h = contractHarness();
  site = tempDir('yieldplan-site-');
  fs.writeFileSync(path.join(site.dir, 'index.html'), '<!doctype html><title>t</title>');
  fs.mkdirSync(path.join(site.dir, 'assets'));
  fs.writeFileSync(path.join(site.dir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(path.dirname(site.dir), 'yieldplan-secret.txt'), 'secret');
  server = await startLoopbackServer({ handlers: h.handlers, rendererDir: site.dir });
});
afterAll(async () => {
  await server.close();
  h.close();
  site.cleanup();
  fs.rmSync(path.join(path.dirname(site.dir), 'yieldplan-secret.txt'), { force: true });
});

/** Raw HTTP so tests control every header (fetch would forbid setting Host/Origin). */
function request(options: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (op: string, input: unknown, headers: Record<string, string> = {}) =>
  request({
    method: 'POST',
    path: `/api/${op}`,
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token, ...headers },
    body: JSON.stringify(input),
  });

describe('loopback transport', () => {
  it('binds to 127.0.0.1 and hands out the token in the URL fragment only', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
    expect(server.appUrl).toBe(`${server.origin}/#token=${encodeURIComponent(server.token)}`);
  });

  it('runs contract operations with the token', async () => {
    const created = await api('drafts.create', { name: 'Over HTTP' });
    expect(created.status).toBe(200);
    const listed = JSON.parse((await api('drafts.list', {})).body);
    expect(listed).toMatchObject({ ok: true, data: [{ name: 'Over HTTP' }] });
    const info = JSON.parse((await api('app.info', {})).body);
    expect(info.data.transport).toBe('loopback');
  });

  it('returns the contract error shape with a matching status', async () => {
    const bad = await api('drafts.open', { id: 'nope' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const missing = await api('drafts.open', { id: '00000000-0000-4000-8000-000000000000' });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).error.code).toBe('NOT_FOUND');
    const unknown = await api('drafts.nuke', {});
    expect(JSON.parse(unknown.body).error.code).toBe('UNKNOWN_OP');
  });

  it('refuses a wrong or missing token', async () => {
    const wrong = await api('drafts.list', {}, { [TOKEN_HEADER]: 'x'.repeat(server.token.length) });
    expect(wrong.status).toBe(403);
    expect(JSON.parse(wrong.body)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'missing or wrong token' },
    });
    const none = await request({
      method: 'POST',
      path: '/api/drafts.list',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(none.status).toBe(403);
  });

  it('refuses a foreign Origin even with the right token', async () => {
    const res = await api('drafts.list', {}, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error.message).toBe('foreign origin refused');
  });

  it('accepts its own Origin (what the browser sends for same-origin POST)', async () => {
    expect((await api('drafts.list', {}, { origin: server.origin })).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await api('drafts.list', {}, { host: 'evil.example' });
    expect(res.status).toBe(403);
    const page = await request({ path: '/', headers: { host: 'evil.example:80' } });
    expect(page.status).toBe(403);
  });

  it('requires POST with a JSON body', async () => {
    expect((await request({ path: '/api/drafts.list' })).status).toBe(405);
    const text = await api('drafts.list', {}, { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    const broken = await request({
      method: 'POST',
      path: '/api/drafts.list',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token },
      body: '{not json',
    });
    expect(broken.status).toBe(400);
  });

  it('refuses bodies over the size cap', async () => {
    const res = await api('drafts.create', { document: { x: 'y'.repeat(5 * 1024 * 1024) } });
    expect(res.status).toBe(413);
  });

  it('serves the renderer with the CSP header, and nothing outside its folder', async () => {
    const index = await request({ path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toContain('text/html');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    const js = await request({ path: '/assets/app.js' });
    expect(js.headers['content-type']).toContain('text/javascript');
    const escape = await request({ path: '/..%2Fyieldplan-secret.txt' });
    expect(escape.status).toBe(404);
    expect(escape.body).not.toContain('secret');
  });

  it('answers malformed escapes with an error and keeps serving', async () => {
    const bad = await request({ path: '/%E0%A4%A' });
    expect(bad.status).toBe(400);
    const badOp = await api('%E0%A4%A', {});
    expect(badOp.status).toBeGreaterThanOrEqual(400);
    expect((await request({ path: '/' })).status).toBe(200);
  });

  it('refuses to bind to a non-loopback address', async () => {
    await expect(startLoopbackServer({ handlers: h.handlers, host: '0.0.0.0' })).rejects.toThrow(
      /refuses to bind/,
    );
    await expect(
      startLoopbackServer({ handlers: h.handlers, host: '192.168.1.10' }),
    ).rejects.toThrow(/refuses to bind/);
  });
});
