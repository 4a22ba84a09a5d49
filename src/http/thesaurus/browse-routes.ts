// Owns the thesaurus browse and search API, on OntoPortal's paths and JSON shapes: /ontologies,
// classes (paged), roots, one class with children/parents/ancestors/descendants/tree, /search
// (autocomplete with suggest=true). Labels in the language asked for (?lang=fr|en|all).
import { publicUrl } from '../public-origin.js';
import { Hono, type Context } from 'hono';
import { BadRequestError, NotFoundError } from '../../errors/index.js';
import { mediaTypes, sparqlIri } from '../../rdf/index.js';
import type { GraphStore } from '../../store/index.js';
import { conceptEtag, labelIn, type Concept, type ConceptScheme, type ThesaurusService } from '../../thesaurus/index.js';
import { schemeDownload } from './request-body.js';
import { type View, classJson, ontologyJson, pageParameters, paged, schemeOfPath, viewOf } from './class-json.js';

export function thesaurusRoutes(thesaurus: ThesaurusService, store: GraphStore): Hono {
  const schemeOf = (c: Context): ConceptScheme => schemeOfPath(thesaurus, c);
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
    .get('/ontologies/:acronym/download', (c) => {
      const scheme = schemeOf(c);
      const name = `${scheme.info.acronym.toLowerCase()}${scheme.info.version ? `-${scheme.info.version}` : ''}`;
      return schemeDownload(c, scheme, name, async (graph) => {
        const query = `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ${sparqlIri(scheme.info.graph)} { ?s ?p ?o } }`;
        return (await store.querySerialized(query, { results: mediaTypes.sparqlResultsJson, graph })).body;
      });
    })
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
      const concept = conceptOf(c, scheme);
      // The ETag is what an editor sends back in If-Match to change the class.
      c.header('etag', conceptEtag(concept));
      return c.json(classJson(viewOf(c), scheme, concept));
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
    .on(['GET', 'POST'], '/annotator', async (c) => {
      const view = viewOf(c);
      const form = c.req.method === 'POST' ? await c.req.parseBody() : {};
      const text = (typeof form.text === 'string' ? form.text : undefined) ?? c.req.query('text');
      if (!text) throw new BadRequestError('Give the text to annotate: /annotator?text=... (or POST text=...)');
      if (text.length > 100_000) throw new BadRequestError('The text is longer than 100,000 characters');
      const ontologies = c.req.query('ontologies');
      const schemes = ontologies ? new Set(ontologies.split(',').map((a) => a.trim().toUpperCase())) : undefined;
      const mentions = thesaurus.annotator.annotate(text, { ...(schemes ? { schemes } : {}), longestOnly: c.req.query('longest_only') === 'true' });
      // One entry per concept, with every place it is mentioned (OntoPortal's annotator shape).
      const byConcept = new Map<string, { annotatedClass: unknown; annotations: Array<{ from: number; to: number; matchType: string; text: string }> }>();
      for (const m of mentions) {
        const key = `${m.scheme.info.acronym} ${m.iri}`;
        let entry = byConcept.get(key);
        if (!entry) byConcept.set(key, (entry = { annotatedClass: classJson(view, m.scheme, m.scheme.concepts.get(m.iri)!), annotations: [] }));
        entry.annotations.push({ from: m.from, to: m.to, matchType: m.matchType, text: m.text });
      }
      return c.json([...byConcept.values()]);
    })
    .get('/search', (c) => {
      const view = viewOf(c);
      const q = c.req.query('q');
      if (!q) throw new BadRequestError('Give the text to search for: /search?q=...');
      if (q.length > 500) throw new BadRequestError('q is limited to 500 characters');
      const ontologies = c.req.query('ontologies');
      const schemes = ontologies ? new Set(ontologies.split(',').map((a) => a.trim().toUpperCase())) : undefined;
      const { page, size } = pageParameters(c);
      // One more than the page needs tells whether a next page exists.
      const { hits, total } = thesaurus.labels.search(q, { exact: c.req.query('require_exact_match') === 'true', ...(schemes ? { schemes } : {}), limit: page * size + 1 });
      const collection = hits
        .slice((page - 1) * size, page * size)
        .map((hit) => ({ ...classJson(view, hit.scheme, hit.scheme.concepts.get(hit.iri)!), matchType: hit.matchType, matchedLabel: hit.label, matchedLanguage: hit.lang }));
      const nextPage = hits.length > page * size ? page + 1 : null;
      const prevPage = page > 1 ? page - 1 : null;
      const link = (n: number | null) => {
        if (n === null) return null;
        const url = publicUrl(c);
        url.searchParams.set('page', String(n));
        return url.toString();
      };
      // totalCount is exact when every match fitted; past that it counts matching labels, since
      // counting distinct concepts would mean reading every match.
      return c.json({ page, pageCount: null, totalCount: total, prevPage, nextPage, links: { nextPage: link(nextPage), prevPage: link(prevPage) }, collection });
    });
}
