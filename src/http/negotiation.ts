// Owns content negotiation: Hono parses the Accept header; this picks among what we can write,
// honouring q-values and wildcards, and refuses (406) when nothing acceptable is left.
import type { Context } from 'hono';
import { accepts } from 'hono/accepts';
import { NotAcceptableError } from '../errors/index.js';

export function negotiate<T extends string>(c: Context, supported: readonly T[], fallback: T): T {
  if (!c.req.header('accept')) return fallback;
  const chosen = accepts(c, {
    header: 'Accept',
    supports: [...supported],
    default: '',
    match: (ranges) => {
      for (const range of [...ranges].filter((r) => r.q > 0).sort((a, b) => b.q - a.q)) {
        const type = range.type.toLowerCase();
        if (type === '*/*') return fallback;
        if (type.endsWith('/*')) {
          const major = type.slice(0, -1);
          const match = supported.find((s) => s.startsWith(major));
          if (match) return match;
        }
        const exact = supported.find((s) => s === type);
        if (exact) return exact;
      }
      return '';
    },
  });
  if (!chosen) throw new NotAcceptableError(`None of the accepted media types can be produced here. Available: ${supported.join(', ')}`, { available: supported });
  return chosen as T;
}
