// Owns dereferencing catalogue IRIs ({IRI_BASE}id/..., record/..., thesaurus/...): an HTML landing
// page for browsers, Turtle, JSON-LD, RDF/XML, N-Triples for machines (Accept or ?format=), with
// Vary: Accept and a canonical link; 410 Gone with the tombstone for what its source deleted.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { NotFoundError } from '../../errors/index.js';
import { mediaTypes, type RdfMediaType } from '../../rdf/index.js';
import type { RawRecordStore, RecordDerivations } from '../../records/index.js';
import type { GraphStore } from '../../store/index.js';
import { negotiate } from '../negotiation.js';
import { landingPage } from './landing-page.js';
import { contextPath, jsonLdContext, linkedDataFormats, rdfResponse } from './rdf-response.js';
import { describeResource, labelsOf } from './resource-description.js';
import { isDataset, schemaOrgDataset } from './schema-org.js';
import { Tombstones } from './tombstones.js';

export interface LinkedDataOptions {
  store: GraphStore;
  records: RawRecordStore;
  derivations: RecordDerivations;
  iriBase: string;
}

const formatNames: Record<string, RdfMediaType | 'text/html'> = {
  html: 'text/html',
  ttl: mediaTypes.turtle,
  jsonld: mediaTypes.jsonLd,
  rdf: mediaTypes.rdfXml,
  nt: mediaTypes.nTriples,
};

/** The representation asked for: ?format= first, then the Accept header (Turtle for any). */
export function chooseRepresentation(c: Context): RdfMediaType | 'text/html' {
  const asked = c.req.query('format');
  if (asked && formatNames[asked]) return formatNames[asked]!;
  return negotiate(c, ['text/html', ...linkedDataFormats] as const, mediaTypes.turtle);
}

export function preferredLanguage(c: Context): string {
  const asked = c.req.query('lang') ?? c.req.header('accept-language')?.slice(0, 2);
  return asked === 'fr' ? 'fr' : 'en';
}

/** Where a catalogue IRI is served by this service; other IRIs stay as they are. */
export function localHref(iriBase: string): (iri: string) => string {
  return (iri) => (iri.startsWith(iriBase) ? `/${iri.slice(iriBase.length)}` : iri);
}

export function linkedDataRoutes({ store, records, derivations, iriBase }: LinkedDataOptions): Hono {
  const tombstones = new Tombstones(records, derivations, iriBase);
  const href = localHref(iriBase);

  async function dereference(c: Context): Promise<Response> {
    const path = new URL(c.req.url).pathname;
    const iri = iriBase + path.slice(1);
    const representation = chooseRepresentation(c);
    // A resource whose own records were all deleted is gone, even where other records still
    // mention it (as the target of their relations).
    const tombstone = tombstones.find(iri);
    const quads = tombstone ? tombstone.quads : await describeResource(store, iri);
    const gone = tombstone ? { deletedAt: tombstone.deletedAt } : undefined;
    if (!gone && !quads.some((q) => q.subject.value === iri)) throw new NotFoundError(`Nothing in the catalogue is named ${iri}`);
    const status = gone ? 410 : 200;
    const headers = { link: `<${iri}>; rel="canonical"`, vary: 'Accept' };
    if (representation !== 'text/html') return rdfResponse(c, quads, representation, status, headers);

    const language = preferredLanguage(c);
    const linked = [...new Set([iri, ...quads.flatMap((q) => [q.subject, q.object]).filter((t) => t.termType === 'NamedNode').map((t) => t.value)])];
    const labels = await labelsOf(store, linked, language);
    const page = landingPage({
      iri,
      quads,
      labels,
      language,
      href,
      schemaOrg: !gone && isDataset(quads, iri) ? schemaOrgDataset(iri, quads, labels, language) : null,
      alternates: Object.entries(formatNames)
        .filter(([, type]) => type !== 'text/html')
        .map(([name, mediaType]) => ({ mediaType, href: `${path}?format=${name}` })),
      ...(gone ? { gone } : {}),
    });
    return c.html(page, status, headers);
  }

  return new Hono()
    .get(contextPath, (c) => c.body(JSON.stringify(jsonLdContext, null, 2), 200, { 'content-type': 'application/ld+json', 'access-control-allow-origin': '*' }))
    .get('/id/*', dereference)
    .get('/record/*', dereference)
    .get('/thesaurus/*', dereference);
}
