// Owns the opaque cursors of paged lists (search results, linked resources): an offset, base64url.
import { createGraphQLError } from 'graphql-yoga';

export const badUserInput = (message: string) => createGraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

export const cursorOf = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');

/** The offset just after a cursor; 0 without one. `max` bounds how deep a list may be paged. */
export function offsetAfter(cursor: string | null | undefined, max: number): number {
  if (!cursor) return 0;
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badUserInput('after is not a cursor this API gave');
  const offset = Number(match[1]) + 1;
  if (offset > max) throw badUserInput(`Lists are paged at most ${max} items deep; narrow the query instead`);
  return offset;
}
