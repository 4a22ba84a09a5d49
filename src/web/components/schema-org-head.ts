// Owns the schema.org JSON-LD in a resource page's <head>, for search engines (Google Dataset
// Search): name, description, identifier, url, creators, publisher, licence, keywords, coverage in
// space and time, distributions. Written with JSON.stringify, with "<" escaped so the text of a
// record can never close the script element.
import { html, raw } from 'hono/html';
import { doiOf } from './citation.js';
import type { ResourceData } from '../pages/resource-page.js';

const schemaTypes: Record<string, string> = {
  dataset: 'Dataset',
  publication: 'ScholarlyArticle',
  software: 'SoftwareSourceCode',
  service: 'WebAPI',
  project: 'ResearchProject',
  person: 'Person',
  organisation: 'Organization',
};

export function schemaOrgScript(resource: ResourceData, lang: string) {
  const doi = doiOf(resource.identifiers);
  const agent = (a: { iri: string; title: string | null; kind?: string }) => ({ '@type': a.kind === 'person' ? 'Person' : 'Organization', '@id': a.iri, ...(a.title ? { name: a.title } : {}) });
  const json: Record<string, unknown> = {
    '@context': 'https://schema.org/',
    '@type': schemaTypes[resource.kind] ?? 'CreativeWork',
    '@id': resource.iri,
    name: resource.title ?? resource.iri,
    inLanguage: lang,
    ...(resource.description ? { description: resource.description.slice(0, 5000) } : {}),
    ...(doi ? { identifier: `https://doi.org/${doi}` } : resource.identifiers.length > 0 ? { identifier: resource.identifiers } : {}),
    ...(resource.landingPage ? { url: resource.landingPage } : {}),
    ...(resource.creators.length > 0 ? { creator: resource.creators.map(agent) } : {}),
    ...(resource.publisher ? { publisher: agent({ ...resource.publisher, kind: 'organisation' }) } : {}),
    ...(resource.licence ? { license: resource.licence } : {}),
    ...(resource.issued ? { datePublished: resource.issued.slice(0, 10) } : {}),
    ...(resource.keywords.length > 0 ? { keywords: resource.keywords } : {}),
    ...(resource.spatialCoverage?.length
      ? { spatialCoverage: resource.spatialCoverage.map((b) => ({ '@type': 'Place', geo: { '@type': 'GeoShape', box: `${b.south} ${b.west} ${b.north} ${b.east}` } })) }
      : {}),
    ...(resource.temporalCoverage?.length ? { temporalCoverage: resource.temporalCoverage.map((p) => `${p.start?.slice(0, 10) ?? '..'}/${p.end?.slice(0, 10) ?? '..'}`).join(', ') } : {}),
    ...(resource.distributions?.length
      ? { distribution: resource.distributions.map((d) => ({ '@type': 'DataDownload', ...(d.downloadURL ?? d.accessURL ? { contentUrl: d.downloadURL ?? d.accessURL } : {}), ...(d.format ? { encodingFormat: d.format } : {}) })) }
      : {}),
  };
  return html`<script type="application/ld+json">${raw(JSON.stringify(json).replace(/</g, '\\u003c'))}</script>`;
}
