import { app, type Session, type WebFrameMain } from 'electron';
import { isAppUrl } from './app-url';
import { RENDERER_CSP } from './csp';

/**
 * Security policy in one place (see docs/security.md): no navigation away from the app, no new
 * windows, no webviews, no permissions, no remote content, CSP on every response, and IPC only
 * from the app's own main frame.
 */
const DEV_CSP = RENDERER_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

export function hardenWebContents(devServerUrl: string | undefined): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

export function hardenSession(session: Session, devServerUrl: string | undefined): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);

  // No remote content: only the app's own scheme (and the dev server during `npm run dev`).
  session.webRequest.onBeforeRequest((details, callback) => {
    const remote = /^(https?|wss?|ftp):/i.test(details.url);
    callback({ cancel: remote && !isAppUrl(details.url, devServerUrl) });
  });

  // The app:// handler sets the header itself; this covers the dev server's responses.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [devServerUrl ? DEV_CSP : RENDERER_CSP],
      },
    });
  });
}

/** IPC is answered only for the top-level frame of a page that is the app itself. */
export function isTrustedSender(frame: WebFrameMain | null, devServerUrl: string | undefined) {
  return frame !== null && frame.parent === null && isAppUrl(frame.url, devServerUrl);
}
