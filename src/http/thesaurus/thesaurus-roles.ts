// Owns who may do what in the thesaurus: bearer tokens mapped to a name and a role. A viewer reads
// the editing history, an editor changes concepts, an admin also imports schemes and publishes
// releases. Tokens are compared through their digests, in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { ForbiddenError, UnauthorizedError } from '../../errors/index.js';

export const roles = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof roles)[number];

export interface Actor {
  name: string;
  role: Role;
}

const digest = (token: string) => createHash('sha256').update(token).digest();

export class ThesaurusRoles {
  private readonly tokens: Array<{ digest: Buffer; actor: Actor }>;

  /** `configured`: "name:role:token" entries separated by commas; the admin token is a thesaurus admin. */
  constructor(configured: string, adminToken?: string) {
    this.tokens = configured
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0)
      .map((entry) => {
        const [name, role, token] = entry.split(':') as [string, Role, string];
        return { digest: digest(token), actor: { name, role } };
      });
    if (adminToken) this.tokens.push({ digest: digest(adminToken), actor: { name: 'admin', role: 'admin' } });
  }

  /** The caller named by the request's token, or null without a valid one. */
  actorOf(c: Context): Actor | null {
    const header = c.req.header('authorization');
    if (!header) return null;
    const given = digest(header.replace(/^Bearer\s+/i, ''));
    // Every token is compared (no early exit), so the time taken does not tell which one matched.
    let found: Actor | null = null;
    for (const t of this.tokens) if (timingSafeEqual(t.digest, given)) found = t.actor;
    return found;
  }

  /** The caller, who must hold at least `role`; 401 without a token, 403 with a wrong or weaker one. */
  require(c: Context, role: Role): Actor {
    if (!c.req.header('authorization')) throw new UnauthorizedError(`This needs a thesaurus ${role} token: send "Authorization: Bearer <token>"`);
    const actor = this.actorOf(c);
    if (!actor) throw new ForbiddenError('The token is not valid');
    if (roles.indexOf(actor.role) < roles.indexOf(role)) throw new ForbiddenError(`${actor.name} is a thesaurus ${actor.role}; this needs ${role}`);
    return actor;
  }
}
