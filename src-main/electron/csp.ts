/**
 * The renderer's Content-Security-Policy, in one place: sent as a response header by Electron
 * (security.ts) and by the loopback server, and mirrored in src-renderer/index.html's meta tag
 * (test/contract/csp.test.ts keeps them equal). No inline script or style, no eval, no remote
 * content: everything comes from the app itself.
 */
const META_DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
];

/** What the meta tag holds (frame-ancestors is ignored in a meta tag, so it is header-only). */
export const RENDERER_CSP_META = META_DIRECTIVES.join('; ');

export const RENDERER_CSP = [...META_DIRECTIVES, "frame-ancestors 'none'"].join('; ');
