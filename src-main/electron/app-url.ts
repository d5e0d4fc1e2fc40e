/**
 * Which URLs are "the app" (pure, no Electron import). Everything the renderer loads comes from
 * the app:// protocol in production or from electron-vite's dev server in `npm run dev`;
 * IPC is answered only for main frames showing one of those.
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://renderer`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.origin === APP_ORIGIN || `${parsed.protocol}//${parsed.host}` === APP_ORIGIN) {
    return true;
  }
  if (!devServerUrl) return false;
  const dev = new URL(devServerUrl);
  // Vite's hot-reload socket is ws:// on the dev server's host and port.
  const scheme = parsed.protocol.replace(/^ws(s?):$/, 'http$1:');
  return (
    scheme === dev.protocol &&
    parsed.host === dev.host &&
    (dev.hostname === 'localhost' || dev.hostname === '127.0.0.1')
  );
}

/** Maps an app:// request path to a file under the renderer folder, refusing escapes. */
export function appUrlToRelativePath(url: string): string | null {
  const { pathname } = new URL(url);
  const decoded = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  const parts = decoded.split('/').filter((p) => p.length > 0);
  if (parts.some((p) => p === '..' || p.includes('\\') || p.includes('\0'))) return null;
  return parts.join('/');
}
