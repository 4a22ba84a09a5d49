// Owns the admin check for writes: a bearer token compared through its digest, in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ForbiddenError, UnauthorizedError } from '../errors/index.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether the header carries the admin token: digests compared in constant time, so neither the token nor its length leaks through timing. */
export function isAdminToken(authorization: string | undefined, adminToken: string | undefined): boolean {
  if (!authorization || !adminToken) return false;
  return timingSafeEqual(digest(authorization.replace(/^Bearer\s+/i, '')), digest(adminToken));
}

/** Throws 401 without credentials and 403 with wrong ones (or when writes are switched off). */
export function assertAdmin(authorization: string | undefined, adminToken: string | undefined): void {
  if (!authorization) throw new UnauthorizedError('This operation needs an administrator token: send "Authorization: Bearer <token>"');
  if (!adminToken) throw new ForbiddenError('Writes are disabled: the service has no ADMIN_TOKEN configured');
  if (!isAdminToken(authorization, adminToken)) throw new ForbiddenError('The administrator token is not valid');
}

export function requireAdmin(adminToken: string | undefined): MiddlewareHandler {
  return async function adminOnly(c, next) {
    assertAdmin(c.req.header('authorization'), adminToken);
    await next();
  };
}
