// Owns reading the graph for one GraphQL request with DataLoader batching: every resource the
// request touches is read in one SPARQL query per level of the query (statements with the record
// graph that said them; links in both directions), never one query per field. IRIs reach SPARQL only
// as N-Triples terms written by @rdfjs/to-ntriples.
import type { Term } from '@rdfjs/types';
import ntriples from '@rdfjs/to-ntriples';
import DataLoader from 'dataloader';
import { DataFactory } from 'n3';
import { labelProperties, prefixes } from '../../mapping/namespaces.js';
import { isAbsoluteIri } from '../../rdf/index.js';
import type { GraphStore } from '../../store/index.js';

export interface Statement {
  predicate: string;
  object: Term;
  /** The record graph that stated it ('' in summaries, which read the union graph). */
  graph: string;
}

export interface Link {
  property: string;
  direction: 'OUTGOING' | 'INCOMING';
  other: string;
  graph: string;
  /** The DataCite relation type, when a qualified relation gave one. */
  relationType: string | null;
}

const { dct, dcat, prov, org, frapo, schema } = prefixes;

/** Properties that link one catalogue resource to another. */
export const linkProperties = [
  ...['relation', 'references', 'isReferencedBy', 'isPartOf', 'hasPart', 'isVersionOf', 'hasVersion', 'replaces', 'isReplacedBy', 'requires', 'isRequiredBy', 'source', 'isFormatOf', 'hasFormat', 'creator', 'contributor', 'publisher'].map((p) => dct + p),
  `${dcat}hasVersion`,
  `${dcat}isVersionOf`,
  `${dcat}previousVersion`,
  `${prov}wasDerivedFrom`,
  `${prov}wasGeneratedBy`,
  `${frapo}isFundedBy`,
  `${org}memberOf`,
  `${org}subOrganizationOf`,
  `${org}hasSubOrganization`,
  `${schema}sourceOrganization`,
];

const term = (iri: string) => ntriples(DataFactory.namedNode(iri));
/** "IsCitedBy" from a relation role IRI (ontology/relation-types.ttl). */
const roleName = (role: string | undefined) => (role ? role.slice(role.lastIndexOf('/') + 1) : null);

async function select(store: GraphStore, sparql: string): Promise<Array<Record<string, Term>>> {
  const result = await store.query(sparql, { form: 'SELECT' });
  return result.form === 'SELECT' ? result.bindings : [];
}

export interface Alignment {
  concept: string;
  method: string;
  score: number;
  keyword: string | null;
  sourceConcept: string | null;
  matchedText: string | null;
  suggestion: boolean;
  graph: string;
}

export interface GraphLoaders {
  /** Every statement about a resource, with the record graph that made it. */
  statements: DataLoader<string, Statement[]>;
  /** Only types and labels: what a list of linked resources shows, at a fraction of the rows. */
  summaries: DataLoader<string, Statement[]>;
  links: DataLoader<string, Link[]>;
  /** How the resource's themes were found (keywords, mappings), and the annotator's suggestions. */
  alignments: DataLoader<string, Alignment[]>;
}

export function createGraphLoaders(store: GraphStore): GraphLoaders {
  const statementLoader = (predicates: string[] | null) =>
    new DataLoader<string, Statement[]>(async (iris) => {
      const usable = iris.filter(isAbsoluteIri);
      const byIri = new Map<string, Statement[]>(iris.map((iri) => [iri, []]));
      if (usable.length > 0) {
        const subjects = usable.map(term).join(' ');
        // Summaries read the union graph without duplicates: a person or an organisation is named
        // in every record that cites it (thousands of graphs), and only its label is wanted. The
        // predicates are a FILTER: a second VALUES block makes the engine scan the store (x150).
        const rows = predicates
          ? await select(store, `SELECT DISTINCT ?s ?p ?o WHERE { VALUES ?s { ${subjects} } ?s ?p ?o FILTER(?p IN (${predicates.map(term).join(', ')})) }`)
          : await select(store, `SELECT ?s ?p ?o ?g WHERE { VALUES ?s { ${subjects} } GRAPH ?g { ?s ?p ?o } }`);
        for (const row of rows) byIri.get(row.s!.value)?.push({ predicate: row.p!.value, object: row.o!, graph: row.g?.value ?? '' });
      }
      return iris.map((iri) => byIri.get(iri) ?? []);
    });
  const statements = statementLoader(null);
  const summaries = statementLoader([`${prefixes.rdf}type`, ...labelProperties]);

  const links = new DataLoader<string, Link[]>(async (iris) => {
    const usable = iris.filter(isAbsoluteIri);
    const byIri = new Map<string, Link[]>(iris.map((iri) => [iri, []]));
    if (usable.length > 0) {
      const values = usable.map(term).join(' ');
      const properties = linkProperties.map(term).join(', ');
      // Links and the roles of qualified relations are two queries: an OPTIONAL joining them makes
      // the engine scan every qualified relation (seconds instead of milliseconds).
      const [rows, roleRows] = await Promise.all([
        select(
          store,
          `SELECT ?x ?p ?y ?g ?dir WHERE {
             VALUES ?x { ${values} }
             { GRAPH ?g { ?x ?p ?y } FILTER(isIRI(?y) && ?p IN (${properties})) BIND("OUTGOING" AS ?dir) }
             UNION
             { GRAPH ?g { ?y ?p ?x } FILTER(isIRI(?y) && !CONTAINS(STR(?y), "#") && ?p IN (${properties})) BIND("INCOMING" AS ?dir) }
           }`,
        ),
        select(
          store,
          `SELECT ?x ?y ?g ?role WHERE {
             VALUES ?x { ${values} }
             { GRAPH ?g { ?x <${dcat}qualifiedRelation> ?q . ?q <${dct}relation> ?y ; <${dcat}hadRole> ?role } }
             UNION
             { GRAPH ?g { ?q <${dct}relation> ?x . ?y <${dcat}qualifiedRelation> ?q . ?q <${dcat}hadRole> ?role } }
           }`,
        ),
      ]);
      const roles = new Map(roleRows.map((r) => [`${r.x!.value} ${r.y!.value} ${r.g!.value}`, r.role!.value]));
      const seen = new Set<string>();
      for (const row of rows) {
        const link: Link = {
          property: row.p!.value,
          direction: row.dir!.value as Link['direction'],
          other: row.y!.value,
          graph: row.g!.value,
          relationType: roleName(roles.get(`${row.x!.value} ${row.y!.value} ${row.g!.value}`)),
        };
        const key = `${row.x!.value} ${link.property} ${link.direction} ${link.other} ${link.graph} ${link.relationType}`;
        if (seen.has(key)) continue;
        seen.add(key);
        byIri.get(row.x!.value)?.push(link);
      }
    }
    return iris.map((iri) => byIri.get(iri) ?? []);
  });

  const mlg = prefixes.mlg;
  const alignments = new DataLoader<string, Alignment[]>(async (iris) => {
    const usable = iris.filter(isAbsoluteIri);
    const byIri = new Map<string, Alignment[]>(iris.map((iri) => [iri, []]));
    if (usable.length > 0) {
      const rows = await select(
        store,
        `SELECT ?r ?type ?c ?m ?score ?k ?src ?t ?g WHERE {
           VALUES ?r { ${usable.map(term).join(' ')} }
           GRAPH ?g { ?a <${mlg}alignedResource> ?r ; a ?type ; <${mlg}concept> ?c ; <${mlg}method> ?m ; <${mlg}score> ?score .
             OPTIONAL { ?a <${mlg}keyword> ?k } OPTIONAL { ?a <${mlg}sourceConcept> ?src } OPTIONAL { ?a <${mlg}matchedText> ?t } }
         }`,
      );
      for (const row of rows) {
        byIri.get(row.r!.value)?.push({
          concept: row.c!.value,
          method: row.m!.value,
          score: Number(row.score!.value),
          keyword: row.k?.value ?? null,
          sourceConcept: row.src?.value ?? null,
          matchedText: row.t?.value ?? null,
          suggestion: row.type!.value === `${mlg}AlignmentSuggestion`,
          graph: row.g!.value,
        });
      }
      for (const list of byIri.values()) list.sort((a, b) => b.score - a.score || a.concept.localeCompare(b.concept));
    }
    return iris.map((iri) => byIri.get(iri) ?? []);
  });

  return { statements, summaries, links, alignments };
}

/** The literal of a property in the language asked for, then English, French, any. */
export function literalIn(found: Statement[], predicate: string, lang: string): string | null {
  const literals = found.filter((s) => s.predicate === predicate && s.object.termType === 'Literal').map((s) => s.object as Term & { language: string });
  for (const wanted of [lang, 'en', 'fr', '']) {
    const match = literals.find((l) => l.language === wanted);
    if (match) return match.value;
  }
  return literals[0]?.value ?? null;
}

export function valuesOf(found: Statement[], predicate: string): string[] {
  return [...new Set(found.filter((s) => s.predicate === predicate).map((s) => s.object.value))];
}


