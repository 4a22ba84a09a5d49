// Owns what the link index keeps of a record graph, read in the derive workers (pure): every link
// between catalogue resources (with the DataCite relation type of its qualified relation, when the
// source gave one), and the types and labels of every node the graph names, which is what a list
// of linked resources shows. GraphQL answers linked resources from this instead of the graph store.
import type { Quad } from '@rdfjs/types';
import { labelProperties, prefixes } from '../mapping/namespaces.js';

const { dct, dcat, prov, org, frapo, schema, rdf } = prefixes;

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

/**
 * The properties a summary holds: classes, labels, and dct:type (what kind of resource a relation
 * says a never-harvested resource is: its stub has no class of its own).
 */
export const summaryProperties = [`${rdf}type`, `${dct}type`, ...labelProperties];

export interface LinkRow {
  subject: string;
  property: string;
  object: string;
  /** The relation type's name (IsCitedBy...), from the qualified relation between the two. */
  relationType: string | null;
}

export interface SummaryRow {
  node: string;
  predicate: string;
  /** IRI value, or literal lexical form. */
  value: string;
  /** null for an IRI; the language tag ('' for none) for a literal. */
  lang: string | null;
}

export interface GraphDigest {
  /** Each link once. */
  links: LinkRow[];
  /** Each value once. */
  summaries: SummaryRow[];
}

const linking = new Set(linkProperties);
const summarised = new Set(summaryProperties);
/** "IsCitedBy" from a relation role IRI (ontology/relation-types.ttl). */
const roleName = (role: string) => role.slice(role.lastIndexOf('/') + 1);

export function digestOf(quads: readonly Quad[]): GraphDigest {
  // Qualified relations: subject -> relation node -> (related resource, role).
  const relationOf = new Map<string, { related?: string; role?: string }>();
  const qualified: Array<{ subject: string; node: string }> = [];
  for (const q of quads) {
    const p = q.predicate.value;
    if (p === `${dcat}qualifiedRelation`) qualified.push({ subject: q.subject.value, node: q.object.value });
    else if (p === `${dct}relation` || p === `${dcat}hadRole`) {
      const entry = relationOf.get(q.subject.value) ?? relationOf.set(q.subject.value, {}).get(q.subject.value)!;
      if (p === `${dct}relation`) entry.related = q.object.value;
      else entry.role = q.object.value;
    }
  }
  const roles = new Map<string, string>();
  for (const { subject, node } of qualified) {
    const { related, role } = relationOf.get(node) ?? {};
    if (related && role) roles.set(`${subject} ${related}`, roleName(role));
  }
  const links: LinkRow[] = [];
  const summaries: SummaryRow[] = [];
  const seen = new Set<string>();
  for (const q of quads) {
    const p = q.predicate.value;
    if (q.subject.termType !== 'NamedNode') continue;
    if (linking.has(p) && q.object.termType === 'NamedNode') {
      const key = `${q.subject.value} ${p} ${q.object.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      links.push({ subject: q.subject.value, property: p, object: q.object.value, relationType: roles.get(`${q.subject.value} ${q.object.value}`) ?? null });
    } else if (summarised.has(p) && (q.object.termType === 'NamedNode' || q.object.termType === 'Literal')) {
      const lang = q.object.termType === 'Literal' ? q.object.language : null;
      const key = `${q.subject.value} ${p} ${q.object.value} ${lang ?? '-'}`;
      if (seen.has(key)) continue;
      seen.add(key);
      summaries.push({ node: q.subject.value, predicate: p, value: q.object.value, lang });
    }
  }
  return { links, summaries };
}
