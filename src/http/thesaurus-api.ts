// Owns the thesaurus browse and search API, on OntoPortal's paths and JSON shapes: /ontologies,
// classes (paged), roots, one class with children/parents/ancestors/descendants/tree, /search
// (autocomplete with suggest=true). Labels in the language asked for (?lang=fr|en|all).
import { Hono, type Context } from 'hono';
import { BadRequestError, NotFoundError } from '../errors/index.js';
import { labelIn, type Concept, type ConceptScheme, type ThesaurusService } from '../thesaurus/index.js';

const skosConcept = 'http://www.w3.org/2004/02/skos/core#Concept';
const ontologyType = 'http://data.bioontology.org/metadata/Ontology';

interface View {
  base: string;
  lang: string | undefined;
}

function viewOf(c: Context): View {
  const lang = c.req.query('lang');
  if (lang !== undefined && !/^([a-z]{2,3}|all)$/.test(lang)) throw new BadRequestError('lang must be a language code (fr, en, ...) or all');
  return { base: new URL(c.req.url).origin, lang };
}

const classUrl = (view: View, scheme: ConceptScheme, iri: string) => `${view.base}/ontologies/${scheme.info.acronym}/classes/${encodeURIComponent(iri)}`;

function ontologyJson(view: View, scheme: ConceptScheme) {
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
    links: { self, classes: `${self}/classes`, roots: `${self}/classes/roots`, search: `${view.base}/search?ontologies=${scheme.info.acronym}&q=` },
  };
}

function classJson(view: View, scheme: ConceptScheme, concept: Concept) {
  const self = classUrl(view, scheme, concept.iri);
  const inLang = (map: Record<string, string[]>) => (view.lang === 'all' ? map : (map[view.lang ?? ''] ?? map.fr ?? map.en ?? Object.values(map)[0] ?? []));
  return {
    '@id': concept.iri,
    '@type': skosConcept,
    prefLabel: view.lang === 'all' ? Object.fromEntries(Object.entries(concept.prefLabel).map(([l, v]) => [l, v[0]])) : labelIn(concept.prefLabel, view.lang),
    synonym: inLang(concept.altLabel),
    definition: inLang(concept.definition),
    notation: concept.notation,
    obsolete: concept.deprecated,
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
    },
  };
}

/** OntoPortal paging: page (from 1), pagesize, and a links block to the neighbours. */
function paged<T>(c: Context, items: T[]) {
  const page = Number(c.req.query('page') ?? 1);
  const size = Number(c.req.query('pagesize') ?? 50);
  if (!Number.isInteger(page) || page < 1) throw new BadRequestError('page must be a whole number from 1');
  if (!Number.isInteger(size) || size < 1 || size > 500) throw new BadRequestError('pagesize must be a whole number from 1 to 500');
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const link = (n: number | null) => {
    if (n === null) return null;
    const url = new URL(c.req.url);
    url.searchParams.set('page', String(n));
    return url.toString();
  };
  const prevPage = page > 1 ? Math.min(page - 1, pageCount) : null;
  const nextPage = page < pageCount ? page + 1 : null;
  return { page, pageCount, totalCount: items.length, prevPage, nextPage, links: { nextPage: link(nextPage), prevPage: link(prevPage) }, collection: items.slice((page - 1) * size, page * size) };
}

export function thesaurusRoutes(thesaurus: ThesaurusService): Hono {
  const schemeOf = (c: Context): ConceptScheme => {
    const scheme = thesaurus.scheme(c.req.param('acronym') ?? '');
    if (!scheme) throw new NotFoundError(`No ontology ${c.req.param('acronym')}; see /ontologies`);
    return scheme;
  };
  const conceptOf = (c: Context, scheme: ConceptScheme): Concept => {
    const iri = c.req.param('id') ?? '';
    const concept = scheme.concepts.get(iri);
    if (!concept) throw new NotFoundError(`No class ${iri} in ${scheme.info.acronym}`);
    return concept;
  };
  const byLabel = (view: View, scheme: ConceptScheme) => (a: string, b: string) =>
    (labelIn(scheme.concepts.get(a)?.prefLabel ?? {}, view.lang) ?? a).localeCompare(labelIn(scheme.concepts.get(b)?.prefLabel ?? {}, view.lang) ?? b, view.lang);
  const classes = (view: View, scheme: ConceptScheme, iris: string[]) =>
    iris.filter((iri) => scheme.concepts.has(iri)).sort(byLabel(view, scheme)).map((iri) => classJson(view, scheme, scheme.concepts.get(iri)!));

  return new Hono()
    .get('/ontologies', (c) => {
      const view = viewOf(c);
      return c.json(thesaurus.list().map((scheme) => ontologyJson(view, scheme)));
    })
    .get('/ontologies/:acronym', (c) => c.json(ontologyJson(viewOf(c), schemeOf(c))))
    .get('/ontologies/:acronym/classes', (c) => {
      const view = viewOf(c);
      const scheme = schemeOf(c);
      return c.json(paged(c, classes(view, scheme, [...scheme.concepts.keys()])));
    })
    .get('/ontologies/:acronym/classes/roots', (c) => {
      const view = viewOf(c);
      const scheme = schemeOf(c);
      return c.json(classes(view, scheme, scheme.topConcepts));
    })
    .get('/ontologies/:acronym/classes/:id', (c) => {
      const scheme = schemeOf(c);
      return c.json(classJson(viewOf(c), scheme, conceptOf(c, scheme)));
    })
    .get('/ontologies/:acronym/classes/:id/:relation{children|parents|ancestors|descendants|tree}', (c) => {
      const view = viewOf(c);
      const scheme = schemeOf(c);
      const concept = conceptOf(c, scheme);
      switch (c.req.param('relation')) {
        case 'children':
          return c.json(paged(c, classes(view, scheme, concept.narrower)));
        case 'descendants':
          return c.json(paged(c, classes(view, scheme, scheme.descendants(concept.iri))));
        case 'parents':
          return c.json(classes(view, scheme, concept.broader));
        case 'ancestors':
          return c.json(classes(view, scheme, scheme.ancestors(concept.iri)));
        default: {
          // The roots, with the branches leading to the concept opened (OntoPortal's tree view).
          const open = new Set([...scheme.ancestors(concept.iri), concept.iri]);
          const node = (iri: string): Record<string, unknown> => {
            const json: Record<string, unknown> = classJson(view, scheme, scheme.concepts.get(iri)!);
            if (open.has(iri) && iri !== concept.iri) json.children = scheme.concepts.get(iri)!.narrower.filter((k) => scheme.concepts.has(k)).sort(byLabel(view, scheme)).map(node);
            return json;
          };
          return c.json(scheme.topConcepts.filter((iri) => scheme.concepts.has(iri)).sort(byLabel(view, scheme)).map(node));
        }
      }
    })
    .get('/search', (c) => {
      const view = viewOf(c);
      const q = c.req.query('q');
      if (!q) throw new BadRequestError('Give the text to search for: /search?q=...');
      const ontologies = c.req.query('ontologies');
      const schemes = ontologies ? new Set(ontologies.split(',').map((a) => a.trim().toUpperCase())) : undefined;
      const hits = thesaurus.labels.search(q, { exact: c.req.query('require_exact_match') === 'true', ...(schemes ? { schemes } : {}), limit: 1000 });
      return c.json(
        paged(
          c,
          hits.map((hit) => ({ ...classJson(view, hit.scheme, hit.scheme.concepts.get(hit.iri)!), matchType: hit.matchType, matchedLabel: hit.label, matchedLanguage: hit.lang })),
        ),
      );
    });
}
