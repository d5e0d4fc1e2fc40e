import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { APP_ORIGIN, APP_SCHEME, appUrlToRelativePath } from './app-url';
import { RENDERER_CSP } from './csp';

/**
 * The built renderer is served from app://renderer/ instead of file://, so it has a real origin,
 * cannot read arbitrary files, and every response carries the CSP header.
 * Must run before app `ready`.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  const root = path.resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const relative = request.url.startsWith(APP_ORIGIN + '/')
      ? appUrlToRelativePath(request.url)
      : null;
    const file = relative === null ? null : path.resolve(root, relative);
    if (!file || !file.startsWith(root + path.sep)) {
      return new Response('not found', { status: 404 });
    }
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', RENDERER_CSP);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
