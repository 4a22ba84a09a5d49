// Owns the origin written into absolute URLs (service description, OAI-PMH baseURL, sitemaps,
// thesaurus links): PUBLIC_BASE_URL when set, so a forged Host header cannot change them; else the
// request's own origin (fine on loopback and behind a proxy that sets Host).
import type { Context, MiddlewareHandler } from 'hono';

declare module 'hono' {
  interface ContextVariableMap {
    publicOrigin: string;
  }
}

export function publicOriginFrom(publicBaseUrl: string | undefined): MiddlewareHandler {
  const fixed = publicBaseUrl?.replace(/\/+$/, '');
  return async function setPublicOrigin(c, next) {
    c.set('publicOrigin', fixed ?? new URL(c.req.url).origin);
    await next();
  };
}

/** The origin (and path prefix) absolute URLs start with. */
export function publicOrigin(c: Context, publicBaseUrl?: string): string {
  return publicBaseUrl?.replace(/\/+$/, '') ?? c.get('publicOrigin') ?? new URL(c.req.url).origin;
}

/** The request's URL as the public sees it (public origin, same path and query). */
export function publicUrl(c: Context): URL {
  const url = new URL(c.req.url);
  const origin = new URL(`${publicOrigin(c)}/`);
  const prefix = origin.pathname.replace(/\/$/, '');
  return new URL(`${prefix}${url.pathname}${url.search}`, origin.origin);
}
