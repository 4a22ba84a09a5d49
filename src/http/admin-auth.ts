// Owns the admin check for writes: a bearer token compared in constant time.
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ForbiddenError, UnauthorizedError } from '../errors/index.js';

/** Throws 401 without credentials and 403 with wrong ones (or when writes are switched off). */
export function assertAdmin(authorization: string | undefined, adminToken: string | undefined): void {
  if (!authorization) throw new UnauthorizedError('This operation needs an administrator token: send "Authorization: Bearer <token>"');
  if (!adminToken) throw new ForbiddenError('Writes are disabled: the service has no ADMIN_TOKEN configured');
  const given = Buffer.from(authorization.replace(/^Bearer\s+/i, ''));
  const expected = Buffer.from(adminToken);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new ForbiddenError('The administrator token is not valid');
}

export function requireAdmin(adminToken: string | undefined): MiddlewareHandler {
  return async function adminOnly(c, next) {
    assertAdmin(c.req.header('authorization'), adminToken);
    await next();
  };
}
