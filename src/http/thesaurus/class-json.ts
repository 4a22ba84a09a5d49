// Owns the JSON shapes of the thesaurus API (OntoPortal's: ontology, class, paged collection) and
// the request parameters they depend on (lang, page, pagesize).
import { publicOrigin, publicUrl } from '../public-origin.js';
import type { Context } from 'hono';
import { BadRequestError, NotFoundError } from '../../errors/index.js';
import { labelIn, type Concept, type ConceptScheme, type ThesaurusService } from '../../thesaurus/index.js';

const skosConcept = 'http://www.w3.org/2004/02/skos/core#Concept';
const ontologyType = 'http://data.bioontology.org/metadata/Ontology';

/** The scheme the path names (:acronym), or 404. */
export function schemeOfPath(thesaurus: ThesaurusService, c: Context): ConceptScheme {
  const scheme = thesaurus.scheme(c.req.param('acronym') ?? '');
  if (!scheme) throw new NotFoundError(`No ontology ${c.req.param('acronym')}; see /ontologies`);
  return scheme;
}

export interface View {
  base: string;
  lang: string | undefined;
}

export function viewOf(c: Context): View {
  const lang = c.req.query('lang');
  if (lang !== undefined && !/^([a-z]{2,3}|all)$/.test(lang)) throw new BadRequestError('lang must be a language code (fr, en, ...) or all');
  return { base: publicOrigin(c), lang };
}

export const classUrl = (view: View, scheme: ConceptScheme, iri: string) => `${view.base}/ontologies/${scheme.info.acronym}/classes/${encodeURIComponent(iri)}`;

export function ontologyJson(view: View, scheme: ConceptScheme) {
  const self = `${view.base}/ontologies/${scheme.info.acronym}`;
  return {
    '@id': self,
    '@type': ontologyType,
    acronym: scheme.info.acronym,
    name: view.lang === 'all' ? scheme.info.title : labelIn(scheme.info.title, view.lang),
    description: view.lang === 'all' ? scheme.info.description : labelIn(scheme.info.description, view.lang),
    uri: scheme.info.iri,
    version: scheme.info.version,
    conceptCount: scheme.concepts.size,
    links: { self, classes: `${self}/classes`, roots: `${self}/classes/roots`, mappings: `${self}/mappings`, submissions: `${self}/submissions`, latest_submission: `${self}/latest_submission`, changes: `${self}/changes`, download: `${self}/download`, search: `${view.base}/search?ontologies=${scheme.info.acronym}&q=` },
  };
}

export function classJson(view: View, scheme: ConceptScheme, concept: Concept) {
  const self = classUrl(view, scheme, concept.iri);
  const inLang = (map: Record<string, string[]>) => (view.lang === 'all' ? map : (map[view.lang ?? ''] ?? map.fr ?? map.en ?? Object.values(map)[0] ?? []));
  return {
    '@id': concept.iri,
    '@type': skosConcept,
    prefLabel: view.lang === 'all' ? Object.fromEntries(Object.entries(concept.prefLabel).map(([l, v]) => [l, v[0]])) : labelIn(concept.prefLabel, view.lang),
    synonym: inLang(concept.altLabel),
    definition: inLang(concept.definition),
    notation: concept.notation,
    ...Object.fromEntries(Object.entries(concept.notes).map(([kind, map]) => [kind, inLang(map!)])),
    obsolete: concept.deprecated,
    replacedBy: concept.replacedBy,
    broader: concept.broader,
    related: concept.related,
    hasChildren: concept.narrower.length > 0,
    mappings: concept.mappings,
    links: {
      self,
      ontology: `${view.base}/ontologies/${scheme.info.acronym}`,
      children: `${self}/children`,
      parents: `${self}/parents`,
      descendants: `${self}/descendants`,
      ancestors: `${self}/ancestors`,
      tree: `${self}/tree`,
      mappings: `${self}/mappings`,
      changes: `${self}/changes`,
    },
  };
}

export function pageParameters(c: Context): { page: number; size: number } {
  const page = Number(c.req.query('page') ?? 1);
  const size = Number(c.req.query('pagesize') ?? 50);
  // A page number is bounded too: page x pagesize items are gathered to answer it.
  if (!Number.isInteger(page) || page < 1 || page > 10_000) throw new BadRequestError('page must be a whole number from 1 to 10,000');
  if (!Number.isInteger(size) || size < 1 || size > 500) throw new BadRequestError('pagesize must be a whole number from 1 to 500');
  return { page, size };
}

/** OntoPortal paging: page (from 1), pagesize, and a links block to the neighbours. */
export function paged<T>(c: Context, items: T[]) {
  const { page, size } = pageParameters(c);
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const link = (n: number | null) => {
    if (n === null) return null;
    const url = publicUrl(c);
    url.searchParams.set('page', String(n));
    return url.toString();
  };
  const prevPage = page > 1 ? Math.min(page - 1, pageCount) : null;
  const nextPage = page < pageCount ? page + 1 : null;
  return { page, pageCount, totalCount: items.length, prevPage, nextPage, links: { nextPage: link(nextPage), prevPage: link(prevPage) }, collection: items.slice((page - 1) * size, page * size) };
}

