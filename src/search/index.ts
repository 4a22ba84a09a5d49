// The search stage: the text index and facets that catalogue front-ends query.
export { searchDocumentOf, kindOf, kindOfNode, facetNames, type Facet, type ResourceKind, type SearchDocument } from './search-document.js';
export { SearchIndex, matchExpression, type SearchFilters, type SearchQuery, type SearchSort, type FacetCount, type SearchResult } from './search-index.js';
export { openSearchReaders, type SearchReader } from './search-readers.js';
