// Owns the query shapes the embedded engine (Oxigraph 0.5) answers against SPARQL 1.1 semantics,
// rewritten into equivalent shapes it answers right (the W3C query tests found them):
// - a zero-or-more or zero-or-one path with one constant end finds nothing when that term is absent
//   from the data; the zero-length step is spelt out as a BIND, the rest as `+` (or the bare path);
// - inside GRAPH ?g, a sub-select or VALUES leaves ?g unbound and MINUS wrongly counts ?g as shared
//   by both sides; such a GRAPH ?g is evaluated per named graph of the dataset (a UNION of
//   GRAPH <g> blocks, each joined with ?g = <g>, which is how the spec defines GRAPH ?g).
import type * as RDF from '@rdfjs/types';
import sparqljs from 'sparqljs';
import { BadRequestError } from '../../errors/index.js';
import type { GraphStore, QueryOptions } from '../graph-store.js';

type Pattern = sparqljs.Pattern;
type Term = RDF.Term;

const xsdBoolean = 'http://www.w3.org/2001/XMLSchema#boolean';
const falseLiteral = { termType: 'Literal', value: 'false', language: '', datatype: { termType: 'NamedNode', value: xsdBoolean } } as unknown as RDF.Literal;

/** The most named graphs a GRAPH ?g block is expanded over; past it the query is refused. */
export const maxExpandedGraphs = 1000;

const isConstant = (term: Term): boolean => term.termType === 'NamedNode' || term.termType === 'Literal';
const hasBlankNode = (triples: sparqljs.Triple[]): boolean =>
  triples.some((t) => t.subject.termType === 'BlankNode' || t.object.termType === 'BlankNode');

function isZeroLengthPath(predicate: sparqljs.Triple['predicate']): predicate is sparqljs.PropertyPath {
  return 'type' in predicate && predicate.type === 'path' && (predicate.pathType === '*' || predicate.pathType === '?');
}

/** The path without its zero-length step: p* becomes p+, p? becomes p. */
function nonEmptyPath(path: sparqljs.PropertyPath): sparqljs.Triple['predicate'] {
  return path.pathType === '*' ? { type: 'path', pathType: '+', items: path.items } : (path.items[0] as sparqljs.Triple['predicate']);
}

/** The patterns that replace one zero-length path triple, or null when it needs no correction. */
function zeroLengthPathPatterns(triple: sparqljs.Triple): Pattern[] | null {
  const { subject, predicate, object } = triple;
  if (!isZeroLengthPath(predicate)) return null;
  const rest: sparqljs.Triple = { subject, predicate: nonEmptyPath(predicate), object };
  if (isConstant(subject) && isConstant(object)) {
    // The zero-length step holds exactly when both ends are the same term.
    return subject.equals(object) ? [] : [{ type: 'bgp', triples: [rest] }];
  }
  const [constant, variable] = isConstant(subject) ? [subject, object] : [object, subject];
  if (!isConstant(constant) || variable.termType !== 'Variable') return null;
  const differs: sparqljs.Expression = { type: 'operation', operator: '!', args: [{ type: 'operation', operator: 'sameterm', args: [variable, constant as RDF.NamedNode] }] };
  const longer: Pattern[] = [{ type: 'bgp', triples: [rest] }, { type: 'filter', expression: differs }];
  // p? answers a set; a sequence or alternative inside it may reach a node twice (p+ is a set already).
  const distinctLonger: Pattern[] =
    predicate.pathType === '?' && 'type' in rest.predicate
      ? [{ type: 'query', queryType: 'SELECT', prefixes: {}, distinct: true, variables: [variable as RDF.Variable], where: longer } as sparqljs.SelectQuery]
      : longer;
  return [
    {
      type: 'union',
      patterns: [
        { type: 'group', patterns: [{ type: 'bind', variable, expression: constant as RDF.NamedNode }] },
        { type: 'group', patterns: distinctLonger },
      ],
    },
  ];
}

/** A basic graph pattern with its zero-length path triples spelt out, or null when none needs it. */
function correctedBgp(bgp: sparqljs.BgpPattern): Pattern[] | null {
  // Splitting a BGP would change the scope of its blank nodes: leave those alone.
  if (hasBlankNode(bgp.triples)) return null;
  const out: Pattern[] = [];
  let pending: sparqljs.Triple[] = [];
  let changed = false;
  for (const triple of bgp.triples) {
    const replacement = zeroLengthPathPatterns(triple);
    if (!replacement) {
      pending.push(triple);
      continue;
    }
    changed = true;
    if (pending.length > 0) out.push({ type: 'bgp', triples: pending });
    pending = [];
    out.push(...replacement);
  }
  if (!changed) return null;
  if (pending.length > 0) out.push({ type: 'bgp', triples: pending });
  return out;
}

interface Correction {
  changed: boolean;
  /** Named graphs of the dataset, read once and only when a GRAPH ?g needs expanding. */
  namedGraphs: () => Promise<string[]>;
}

/** Whether a GRAPH ?g block holds a shape Oxigraph evaluates wrongly there. */
function needsGraphExpansion(patterns: Pattern[]): boolean {
  return patterns.some((p) => {
    if (p.type === 'values' || p.type === 'query' || p.type === 'minus') return true;
    if (p.type === 'group' || p.type === 'optional' || p.type === 'service' || p.type === 'union') return needsGraphExpansion(p.patterns);
    return false;
  });
}

async function expandedGraph(graph: sparqljs.GraphPattern, correction: Correction): Promise<Pattern> {
  const variable = graph.name as RDF.Variable;
  const names = await correction.namedGraphs();
  if (names.length === 0) return { type: 'group', patterns: [{ type: 'filter', expression: falseLiteral as unknown as sparqljs.Expression }] };
  const branches: Pattern[] = names.map((name) => {
    const iri = { termType: 'NamedNode', value: name } as RDF.NamedNode;
    return {
      type: 'group',
      patterns: [
        { type: 'values', values: [{ [`?${variable.value}`]: iri }] } as sparqljs.ValuesPattern,
        { type: 'graph', name: iri, patterns: graph.patterns },
      ],
    };
  });
  return branches.length === 1 ? branches[0]! : { type: 'union', patterns: branches };
}

async function correctPatterns(patterns: Pattern[], correction: Correction, inGraphVariable: boolean): Promise<Pattern[]> {
  const out: Pattern[] = [];
  for (const pattern of patterns) {
    if (pattern.type === 'bgp') {
      // Inside GRAPH ?g the zero-length step would also need one answer per graph: not rewritten.
      const corrected = inGraphVariable ? null : correctedBgp(pattern);
      if (corrected) correction.changed = true;
      out.push(...(corrected ?? [pattern]));
    } else if (pattern.type === 'graph' && pattern.name.termType === 'Variable' && needsGraphExpansion(pattern.patterns)) {
      correction.changed = true;
      const expanded = await expandedGraph(pattern, correction);
      out.push(...(await correctPatterns([expanded], correction, inGraphVariable)));
    } else if (pattern.type === 'graph') {
      out.push({ ...pattern, patterns: await correctPatterns(pattern.patterns, correction, inGraphVariable || pattern.name.termType === 'Variable') });
    } else if (pattern.type === 'group' || pattern.type === 'optional' || pattern.type === 'minus' || pattern.type === 'union') {
      out.push({ ...pattern, patterns: await correctPatterns(pattern.patterns, correction, inGraphVariable) } as Pattern);
    } else if (pattern.type === 'query') {
      out.push({ ...pattern, where: await correctPatterns(pattern.where ?? [], correction, inGraphVariable) });
    } else {
      out.push(pattern);
    }
  }
  return out;
}

/**
 * The query rewritten into shapes the embedded engine answers as SPARQL 1.1 says, or null when it
 * has none of the shapes it gets wrong. `namedGraphs` lists the named graphs of the query's dataset.
 */
export async function correctedForEmbeddedEngine(query: sparqljs.Query, namedGraphs: () => Promise<string[]>): Promise<sparqljs.Query | null> {
  let graphs: string[] | null = null;
  const correction: Correction = {
    changed: false,
    namedGraphs: async () => {
      graphs ??= await namedGraphs();
      if (graphs.length > maxExpandedGraphs) {
        throw new BadRequestError(
          `GRAPH ?var around a sub-select, VALUES or MINUS is evaluated once per named graph, and this dataset has more than ${maxExpandedGraphs}; ` +
            'name the graphs with FROM NAMED or named-graph-uri, or move the sub-select, VALUES or MINUS out of the GRAPH block',
        );
      }
      return graphs;
    },
  };
  const where = await correctPatterns(query.where ?? [], correction, false);
  return correction.changed ? ({ ...query, where } as sparqljs.Query) : null;
}

/** The named graphs of a query's dataset (its FROM NAMED, or the protocol's, or every graph). */
async function datasetNamedGraphs(store: GraphStore, query: sparqljs.Query, dataset: Pick<QueryOptions, 'defaultGraphs' | 'namedGraphs'>): Promise<string[]> {
  const graph = { termType: 'Variable', value: 'g' } as RDF.Variable;
  const listing: sparqljs.SelectQuery = {
    type: 'query',
    queryType: 'SELECT',
    prefixes: {},
    distinct: true,
    variables: [graph],
    ...(query.from ? { from: query.from } : {}),
    where: [{ type: 'graph', name: graph, patterns: [] }],
    limit: maxExpandedGraphs + 1,
  };
  const result = await store.query(new sparqljs.Generator().stringify(listing), { form: 'SELECT', ...dataset });
  return result.form === 'SELECT' ? result.bindings.flatMap((row) => (row.g ? [row.g.value] : [])) : [];
}

/** The text to send the embedded store for a parsed query: its corrected form, or null to send it as it came. */
export async function correctedQueryText(
  store: GraphStore,
  query: sparqljs.Query,
  dataset: Pick<QueryOptions, 'defaultGraphs' | 'namedGraphs'>,
): Promise<string | null> {
  const corrected = await correctedForEmbeddedEngine(query, () => datasetNamedGraphs(store, query, dataset));
  return corrected ? new sparqljs.Generator().stringify(corrected) : null;
}
