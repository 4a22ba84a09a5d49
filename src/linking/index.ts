// The linking stage: persistent identifiers, and the link index that serves linked resources.
export * from './identifiers.js';
export { digestOf, linkProperties, summaryProperties, type GraphDigest, type LinkRow, type SummaryRow } from './graph-digest.js';
export { LinkIndex, type IndexedLink, type IndexedSummary } from './link-index.js';
export { preferredValue, priorityLookup, type Claim, type SourcePriority } from './preferred-value.js';
