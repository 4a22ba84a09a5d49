// Owns the size limit of every request body, enforced while the body is read (Content-Length is
// checked before reading; a chunked body is cut as soon as it passes the limit): a few MB for anyone,
// more only for a caller whose token is valid (bulk writes). The answer past the limit is a 413.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { PayloadTooLargeError } from '../../errors/index.js';

export interface BodyLimits {
  publicBytes: number;
  writeBytes: number;
  /** Whether the request carries a token the service accepts (checked in constant time by the caller's roles). */
  isAuthenticated: (c: Context) => boolean;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export function requestBodyLimit(limits: BodyLimits): MiddlewareHandler {
  const tooLarge = (max: number, authenticated: boolean) => () => {
    throw new PayloadTooLargeError(
      `The request body is larger than the ${megabytes(max)} ${authenticated ? 'an authenticated write' : 'a public request'} may send${authenticated ? '' : '; bulk writes need a token'}`,
      { maxBytes: max },
    );
  };
  const publicLimit = bodyLimit({ maxSize: limits.publicBytes, onError: tooLarge(limits.publicBytes, false) });
  const writeLimit = bodyLimit({ maxSize: limits.writeBytes, onError: tooLarge(limits.writeBytes, true) });
  return async function limitRequestBody(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return limits.isAuthenticated(c) ? writeLimit(c, next) : publicLimit(c, next);
  };
}
