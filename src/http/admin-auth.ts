// Owns the admin check for writes: a bearer token compared in constant time.
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ForbiddenError, UnauthorizedError } from '../errors/index.js';

export function requireAdmin(adminToken: string | undefined): MiddlewareHandler {
  const expected = adminToken ? Buffer.from(adminToken) : null;
  return async function adminOnly(c, next) {
    const header = c.req.header('authorization');
    if (!header) throw new UnauthorizedError('This operation needs an administrator token: send "Authorization: Bearer <token>"');
    const given = Buffer.from(header.replace(/^Bearer\s+/i, ''));
    if (!expected) throw new ForbiddenError('Writes are disabled: the service has no ADMIN_TOKEN configured');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new ForbiddenError('The administrator token is not valid');
    await next();
  };
}
