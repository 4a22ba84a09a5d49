// W3C SPARQL 1.1 tests that the embedded engine (Oxigraph 0.5.11) answers differently, each with
// the reason. The conformance test fails when one of them starts passing (then remove it here).
const queryEvaluation = 'http://www.w3.org/2009/sparql/docs/tests/data-sparql11/';

export const excludedQueryTests: Record<string, string> = {
  [`${queryEvaluation}aggregates/manifest#agg-groupconcat-04`]:
    'GROUP_CONCAT over literals that share a language tag keeps the tag ("1 2"@en); SPARQL 1.1 expects a simple literal (the SPARQL 1.2 drafts keep it)',
  [`${queryEvaluation}aggregates/manifest#agg-groupconcat-06`]: 'same as agg-groupconcat-04: the language tag of the inputs is kept on the result',
  [`${queryEvaluation}aggregates/manifest#agg-empty-group-count-graph`]: 'GRAPH ?g { SELECT ... } leaves ?g unbound: Oxigraph does not join the graph variable with a sub-select',
  [`${queryEvaluation}bindings/manifest#graph`]: 'GRAPH ?g { VALUES ... } leaves ?g unbound (same engine limitation as agg-empty-group-count-graph)',
  [`${queryEvaluation}negation/manifest#graph-minus`]: 'inside GRAPH ?g, MINUS treats the graph variable as shared by both sides, so disjoint sides still remove the row (the test checks they do not)',
  [`${queryEvaluation}functions/manifest#bnode01`]: 'BNODE(str) returns the same blank node for the same string in every solution; SPARQL expects a fresh one per solution',
  [`${queryEvaluation}property-path/manifest#zero_or_more_set_start`]: 'a zero-length path with a constant end does not match a term that is absent from the data (test added to the suite in 2024)',
  [`${queryEvaluation}property-path/manifest#zero_or_more_set_end`]: 'as zero_or_more_set_start, with a constant start',
  [`${queryEvaluation}property-path/manifest#zero_or_one_set_start`]: 'as zero_or_more_set_start, for the ? operator',
  [`${queryEvaluation}property-path/manifest#zero_or_one_set_end`]: 'as zero_or_more_set_start, for the ? operator with a constant start',
};
