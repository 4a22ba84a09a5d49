// Owns the Pothos builder and the request context every resolver gets: the per-request loaders
// (batching), the search index, the thesaurus and the catalogue's IRI base.
import SchemaBuilder from '@pothos/core';
import type { SearchReader } from '../../search/index.js';
import type { ThesaurusService } from '../../thesaurus/index.js';
import type { GraphLoaders } from './graph-loaders.js';
import type { SourcePriority } from '../../linking/preferred-value.js';

export interface GraphqlContext {
  loaders: GraphLoaders;
  search: SearchReader;
  thesaurus: ThesaurusService;
  iriBase: string;
  sourcePriority: SourcePriority;
}

export const builder = new SchemaBuilder<{ Context: GraphqlContext }>({});

export const Lang = builder.enumType('Lang', { values: ['fr', 'en'] as const, description: 'Language of labels; the other one (then any) is the fallback.' });

export const ResourceKind = builder.enumType('ResourceKind', {
  values: ['dataset', 'service', 'publication', 'software', 'organisation', 'project', 'person', 'other'] as const,
});

export const Direction = builder.enumType('Direction', {
  values: ['OUTGOING', 'INCOMING'] as const,
  description: 'OUTGOING: this resource states the link; INCOMING: the other resource does (inverse links are materialised).',
});
