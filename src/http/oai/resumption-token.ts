// Owns OAI-PMH resumption tokens: the list's state (format, set, dates, offset) as base64url JSON
// with an HMAC-SHA256 signature, so a harvester can only resume lists this repository issued, and
// every field is re-checked on the way back in (a token is never trusted to size a page or a query).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface ListState {
  prefix: string;
  set?: string;
  from?: string;
  until?: string;
  offset: number;
}

const datestamp = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{3})?Z)?$/;
const maxOffset = 1_000_000_000;

function wellFormed(value: unknown): value is ListState {
  if (!value || typeof value !== 'object') return false;
  const state = value as Record<string, unknown>;
  const known = new Set(['prefix', 'set', 'from', 'until', 'offset']);
  if (Object.keys(state).some((key) => !known.has(key))) return false;
  if (typeof state.prefix !== 'string' || !/^[A-Za-z0-9_.!~*'()-]{1,64}$/.test(state.prefix)) return false;
  if (state.set !== undefined && (typeof state.set !== 'string' || state.set.length > 500)) return false;
  for (const key of ['from', 'until'] as const) if (state[key] !== undefined && (typeof state[key] !== 'string' || !datestamp.test(state[key]))) return false;
  return Number.isInteger(state.offset) && (state.offset as number) >= 0 && (state.offset as number) <= maxOffset;
}

export interface ResumptionTokens {
  issue(state: ListState): string;
  /** The state a token carries, or null when it is not one this repository issued. */
  read(token: string): ListState | null;
}

/** Tokens signed with `secret`; without one, a random key (tokens then end with the process). */
export function resumptionTokens(secret?: string): ResumptionTokens {
  const key = secret ? Buffer.from(secret) : randomBytes(32);
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest();
  return {
    issue(state) {
      const payload = Buffer.from(JSON.stringify(state)).toString('base64url');
      return `${payload}.${sign(payload).toString('base64url')}`;
    },
    read(token) {
      const [payload, signature, extra] = token.split('.');
      if (!payload || !signature || extra !== undefined || token.length > 2_000) return null;
      const given = Buffer.from(signature, 'base64url');
      const expected = sign(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      try {
        const state: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        return wellFormed(state) ? state : null;
      } catch {
        return null;
      }
    },
  };
}
