// Owns the Pothos builder and the request context every resolver gets: the per-request loaders
// (batching), the search index, the thesaurus and the catalogue's IRI base. The complexity plugin
// gives every field a cost; operation-budget.ts refuses operations whose cost is over the limit.
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import type { SearchReader } from '../../search/index.js';
import type { QueryInterpreter } from '../../search/interpret/index.js';
import type { ThesaurusService } from '../../thesaurus/index.js';
import type { GraphLoaders } from './graph-loaders.js';
import type { SourcePriority } from '../../linking/preferred-value.js';
import type { PersonalSpace, Question, Session } from '../../personal/index.js';

export interface GraphqlContext {
  loaders: GraphLoaders;
  search: SearchReader;
  thesaurus: ThesaurusService;
  iriBase: string;
  sourcePriority: SourcePriority;
  /** Reads plain-words queries into themes, places and periods (search with interpret: true). */
  interpreter: QueryInterpreter;
  /** The personal space (accounts, collections, saved searches, questions). */
  personal: PersonalSpace;
  /** Who asks: the session of the request's cookie, or null. */
  session: Session | null;
  /** Whether the request carried the session's CSRF token (mutations need it). */
  csrfOk: boolean;
  /** Tells a repository's contact about a new question (when configured). */
  notifyQuestion?: (question: Question, sources: string[]) => void;
}

export const builder = new SchemaBuilder<{ Context: GraphqlContext }>({
  plugins: [ComplexityPlugin],
  // Every field costs 1; a list of objects multiplies what is selected under it by the size asked
  // for (fields with `first` say so themselves), or by its documented bound (listBound below).
  complexity: { defaultComplexity: 1, defaultListMultiplier: 20 },
});

/**
 * A `first` argument: its default, its maximum, and the cost multiplier it implies. Every list of
 * objects in the schema is paged this way or has a fixed bound, so the cost counted before a query
 * runs is an upper bound of the work it asks for.
 */
export interface PageSize {
  default: number;
  max: number;
}

/** The size a `first` argument asks for, checked against its bounds (a GraphQL error otherwise). */
export function pageSize(first: number | null | undefined, size: PageSize, badInput: (message: string) => Error): number {
  const n = first ?? size.default;
  if (!Number.isInteger(n) || n < 0 || n > size.max) throw badInput(`first must be between 0 and ${size.max}`);
  return n;
}

/** The complexity of a paged field: its own cost, and what is under it multiplied by `first`. */
export const pagedComplexity =
  (size: PageSize, fieldCost = 1) =>
  (args: { first?: number | null }) => ({ field: fieldCost, multiplier: Math.max(0, Math.min(args.first ?? size.default, size.max)) });

/** Scalar lists hold at most this many values (a record's keywords, identifiers...); longer lists are cut. */
export const maxScalarListLength = 500;

export const Lang = builder.enumType('Lang', { values: ['fr', 'en'] as const, description: 'Language of labels; the other one (then any) is the fallback.' });

export const ResourceKind = builder.enumType('ResourceKind', {
  values: ['dataset', 'service', 'publication', 'software', 'organisation', 'project', 'person', 'other'] as const,
});

export const Direction = builder.enumType('Direction', {
  values: ['OUTGOING', 'INCOMING'] as const,
  description: 'OUTGOING: this resource states the link; INCOMING: the other resource does (inverse links are materialised).',
});
