// Owns a collection's exports: DCAT-AP (a dcat:Catalog of its datasets, Turtle or JSON-LD), CSV and
// BibTeX. What the visitor may read is what the API lets them read (their session, or the share
// link's token); a dataset gone from the catalogue is exported from its tombstone (title, DOI).
import { stringify } from 'csv-stringify/sync';
import { Hono } from 'hono';
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { prefixes } from '../../mapping/namespaces.js';
import { mediaTypes } from '../../rdf/index.js';
import { callerOf, type GraphqlRunner } from '../graphql/graphql-routes.js';
import { rdfResponse } from '../linked-data/rdf-response.js';
import type { PersonalSpace } from '../../personal/index.js';
import { problem } from './sign-in-routes.js';
import { neutralizedCell } from '../../thesaurus/csv-layout.js';

const { namedNode, literal, quad } = DataFactory;
const { dct, dcat, rdf, foaf, xsd } = prefixes;

const exportQuery = `query Export($id: ID!, $share: String) {
  collection(id: $id, shareToken: $share) {
    id title description modifiedAt ownerName
    items(first: 1000) { iri title doi addedAt resource { iri title(lang: fr) issued landingPage licence identifiers creators(first: 50) { iri title } } }
  }
}`;

interface ExportData {
  collection: null | {
    id: string;
    title: string;
    description: string;
    modifiedAt: string;
    ownerName: string | null;
    items: Array<{
      iri: string;
      title: string;
      doi: string | null;
      addedAt: string;
      resource: null | { iri: string; title: string | null; issued: string | null; landingPage: string | null; licence: string | null; identifiers: string[]; creators: Array<{ iri: string; title: string | null }> };
    }>;
  };
}

/** A BibTeX field value: braces balanced by dropping stray ones, specials escaped. */
export const bibtexValue = (text: string) => text.replace(/[{}]/g, '').replace(/([\\&%$#_])/g, '\\$1').replace(/[\r\n]+/g, ' ');

export function collectionExportRoutes(options: { personal: PersonalSpace; run: GraphqlRunner; iriBase: string }): Hono {
  return new Hono().get('/collections/:id/export', async (c) => {
    const format = c.req.query('format') ?? 'ttl';
    if (!['ttl', 'jsonld', 'csv', 'bib'].includes(format)) return problem(c, 400, 'Unknown export format', 'format is one of ttl, jsonld, csv, bib');
    const caller = callerOf(options.personal, c.req.header('cookie'), null);
    const { collection } = await options.run<ExportData>(exportQuery, { id: c.req.param('id').slice(0, 100), share: c.req.query('share')?.slice(0, 100) ?? null }, caller);
    if (!collection) return problem(c, 404, 'No such collection', 'It does not exist, or it is private (sign in as its owner, or use its share link).');
    const file = `collection-${collection.id}`;
    if (format === 'csv') {
      const rows = collection.items.map((i) => [i.iri, i.resource?.title ?? i.title, i.doi ?? '', i.resource?.issued?.slice(0, 10) ?? '', i.resource?.landingPage ?? '', i.resource ? 'yes' : 'no', i.addedAt]);
      // Cells that a spreadsheet would read as a formula are quoted as text (CSV injection).
      const safe = rows.map((row) => row.map(neutralizedCell));
      return c.body(stringify([['iri', 'title', 'doi', 'issued', 'landing_page', 'in_catalogue', 'added_at'], ...safe]), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${file}.csv"` });
    }
    if (format === 'bib') {
      const entries = collection.items.map((i, n) => {
        const r = i.resource;
        const fields = [
          ['title', r?.title ?? i.title],
          ['author', (r?.creators ?? []).map((a) => a.title).filter(Boolean).join(' and ')],
          ['year', r?.issued?.slice(0, 4) ?? ''],
          ['doi', i.doi ?? ''],
          ['url', i.doi ? `https://doi.org/${i.doi}` : (r?.landingPage ?? i.iri)],
        ].filter(([, v]) => v);
        return `@misc{maillage${n + 1},\n${fields.map(([k, v]) => `  ${k} = {${bibtexValue(v!)}}`).join(',\n')}\n}`;
      });
      return c.body(`${entries.join('\n\n')}\n`, 200, { 'content-type': 'application/x-bibtex; charset=utf-8', 'content-disposition': `attachment; filename="${file}.bib"` });
    }
    const catalog = namedNode(`${options.iriBase}collection/${collection.id}`);
    const quads: Quad[] = [
      quad(catalog, namedNode(`${rdf}type`), namedNode(`${dcat}Catalog`)),
      quad(catalog, namedNode(`${dct}title`), literal(collection.title)),
      quad(catalog, namedNode(`${dct}description`), literal(collection.description || collection.title)),
      quad(catalog, namedNode(`${dct}modified`), literal(collection.modifiedAt, namedNode(`${xsd}dateTime`))),
      quad(catalog, namedNode(`${dct}publisher`), namedNode(`${options.iriBase}catalog`)),
      quad(namedNode(`${options.iriBase}catalog`), namedNode(`${rdf}type`), namedNode(`${foaf}Agent`)),
      quad(namedNode(`${options.iriBase}catalog`), namedNode(`${foaf}name`), literal(collection.ownerName ?? 'Maillage')),
    ];
    for (const item of collection.items) {
      const dataset = namedNode(item.iri);
      quads.push(quad(catalog, namedNode(`${dcat}dataset`), dataset), quad(dataset, namedNode(`${rdf}type`), namedNode(`${dcat}Dataset`)), quad(dataset, namedNode(`${dct}title`), literal(item.resource?.title ?? item.title)));
      if (item.doi) quads.push(quad(dataset, namedNode(`${dct}identifier`), literal(`https://doi.org/${item.doi}`)));
      const r = item.resource;
      if (r?.issued) quads.push(quad(dataset, namedNode(`${dct}issued`), literal(r.issued)));
      if (r?.landingPage && /^https?:\/\//.test(r.landingPage)) quads.push(quad(dataset, namedNode(`${dcat}landingPage`), namedNode(r.landingPage)));
      if (r?.licence && /^https?:\/\//.test(r.licence)) quads.push(quad(dataset, namedNode(`${dct}license`), namedNode(r.licence)));
      for (const creator of r?.creators ?? []) quads.push(quad(dataset, namedNode(`${dct}creator`), namedNode(creator.iri)));
    }
    const response = await rdfResponse(c, quads, format === 'jsonld' ? mediaTypes.jsonLd : mediaTypes.turtle);
    response.headers.set('content-disposition', `attachment; filename="${file}.${format}"`);
    return response;
  });
}
