// Owns the mappings API on OntoPortal's paths and Mapping shape: the SKOS mapping statements
// (exactMatch, closeMatch, broadMatch, narrowMatch, relatedMatch) of every served scheme, of one,
// or of one class, paged; a target that another served scheme holds links to its ontology.
import { Hono, type Context } from 'hono';
import { BadRequestError, NotFoundError } from '../../errors/index.js';
import type { ConceptScheme, ThesaurusService } from '../../thesaurus/index.js';
import { type View, classUrl, paged, schemeOfPath, viewOf } from './class-json.js';

const skos = 'http://www.w3.org/2004/02/skos/core#';

export function thesaurusMappingRoutes(thesaurus: ThesaurusService): Hono {
  const schemeOf = (c: Context): ConceptScheme => schemeOfPath(thesaurus, c);
  const classRef = (view: View, iri: string, home: ConceptScheme | undefined) => ({
    '@id': iri,
    '@type': `${skos}Concept`,
    links: home ? { self: classUrl(view, home, iri), ontology: `${view.base}/ontologies/${home.info.acronym}` } : { self: iri, ontology: null },
  });
  const mappingsOf = (view: View, schemes: ConceptScheme[], only?: string) => {
    const homeOf = (iri: string) => thesaurus.list().find((s) => s.concepts.has(iri));
    return schemes.flatMap((scheme) =>
      [...scheme.concepts.values()]
        .filter((concept) => only === undefined || concept.iri === only)
        .flatMap((concept) =>
          concept.mappings.map((m) => ({
            '@type': 'http://data.bioontology.org/metadata/Mapping',
            source: 'SKOS',
            relation: [`${skos}${m.relation}`],
            process: null,
            classes: [classRef(view, concept.iri, scheme), classRef(view, m.target, homeOf(m.target))],
          })),
        ),
    );
  };
  return new Hono()
    .get('/mappings', (c) => {
      const ontologies = c.req.query('ontologies');
      const schemes = ontologies
        ? ontologies.split(',').map((a) => {
            const scheme = thesaurus.scheme(a.trim());
            if (!scheme) throw new BadRequestError(`No ontology ${a.trim()}; see /ontologies`);
            return scheme;
          })
        : thesaurus.list();
      return c.json(paged(c, mappingsOf(viewOf(c), schemes)));
    })
    .get('/ontologies/:acronym/mappings', (c) => c.json(paged(c, mappingsOf(viewOf(c), [schemeOf(c)]))))
    .get('/ontologies/:acronym/classes/:id/mappings', (c) => {
      const scheme = schemeOf(c);
      const iri = c.req.param('id') ?? '';
      if (!scheme.concepts.has(iri)) throw new NotFoundError(`No class ${iri} in ${scheme.info.acronym}`);
      return c.json(mappingsOf(viewOf(c), [scheme], iri));
    });
}
