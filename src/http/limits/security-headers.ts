// Owns the headers every response carries against content sniffing, framing and referrer leaks,
// and the Content-Security-Policy of HTML pages: our own pages load nothing from elsewhere, run only
// the design system's own script (served from the package); GraphiQL (a developer tool) runs its
// inline bundle, from the package too.
import type { MiddlewareHandler } from 'hono';

const pagePolicy = (formTarget: string, imageOrigins: string) =>
  ["default-src 'none'", "script-src 'self'", "style-src 'self'", "font-src 'self'", `img-src 'self' data:${imageOrigins}`, "connect-src 'self'", `form-action 'self' ${formTarget}`, "base-uri 'none'", "frame-ancestors 'none'"].join('; ');
const graphiqlPolicy = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** imageOrigins: where else pages may load images from (a deployment's map tile server). */
export function securityHeaders(options: { imageOrigins?: string[] } = {}): MiddlewareHandler {
  const imageOrigins = (options.imageOrigins ?? []).map((o) => ` ${o}`).join('');
  return async function setSecurityHeaders(c, next) {
    await next();
    const headers = c.res.headers;
    try {
      headers.set('x-content-type-options', 'nosniff');
      headers.set('referrer-policy', 'strict-origin-when-cross-origin');
      headers.set('x-frame-options', 'DENY');
      if ((headers.get('content-type') ?? '').startsWith('text/html')) {
        headers.set('content-security-policy', c.req.path === '/graphql' ? graphiqlPolicy : pagePolicy(c.get('publicOrigin') ?? "'self'", imageOrigins));
      }
    } catch {
      // A response passed through from elsewhere may have immutable headers; it is not one of our pages.
    }
  };
}
