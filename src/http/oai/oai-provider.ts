// Owns /oai: an OAI-PMH 2.0 data provider over the catalogue's published records. Six verbs,
// oai_dc and oai_datacite, sets per source ("source:NAME") and per theme ("theme:SLUG", a theme
// counting its narrower concepts), resumption tokens with cursor and complete list size, and
// deleted records kept persistently.
import { publicOrigin } from '../public-origin.js';
import { resumptionTokens, type ListState } from './resumption-token.js';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Quad } from '@rdfjs/types';
import ntriples from '@rdfjs/to-ntriples';
import { DataFactory } from 'n3';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { catalogueIris } from '../../mapping/index.js';
import { prefixes } from '../../mapping/namespaces.js';
import type { ItemQuery, PublishedItem, PublishedItems, RawRecordStore } from '../../records/index.js';
import type { GraphStore } from '../../store/index.js';
import { recordGraphs } from '../linked-data/resource-description.js';
import { writeDataCiteXml } from './datacite-xml.js';
import { doiOfResource, formatsOf, metadataFormats, oaiDatacite, writeOaiDc, writeVerbatim, type MetadataFormat } from './oai-metadata.js';
import { dateRange, OaiError, readOaiRequest, type OaiRequest } from './oai-request.js';

const oaiNamespace = 'http://www.openarchives.org/OAI/2.0/';
const xsi = 'http://www.w3.org/2001/XMLSchema-instance';
const pageSize = 100;

export interface OaiProviderOptions {
  store: GraphStore;
  items: PublishedItems;
  records: RawRecordStore;
  iriBase: string;
  adminEmail: string;
  /** Signs resumption tokens (a random key per start without one). */
  resumptionTokenSecret?: string;
}


const seconds = (iso: string) => `${iso.slice(0, 19)}Z`;
/** A set spec from a concept IRI: its last segment, in the characters set specs allow. */
const slugOf = (iri: string) => iri.replace(/[/#]+$/, '').split(/[/#]/).pop()!.replace(/[^A-Za-z0-9\-_.!~*'()]/g, '_');

export function oaiProviderRoutes(options: OaiProviderOptions): Hono {
  const { store, items, records, iriBase } = options;
  const namespace = new URL(iriBase).hostname;
  const identifierOf = (item: Pick<PublishedItem, 'source' | 'recordId'>) => `oai:${namespace}:${item.source}/${item.recordId}`;
  const parseIdentifier = (identifier: string): { source: string; recordId: string } | null => {
    const prefix = `oai:${namespace}:`;
    if (!identifier.startsWith(prefix)) return null;
    const rest = identifier.slice(prefix.length);
    const slash = rest.indexOf('/');
    return slash > 0 ? { source: rest.slice(0, slash), recordId: rest.slice(slash + 1) } : null;
  };

  /** Themes in use (dcat:theme of published resources), by set spec. */
  async function themeSets(): Promise<Map<string, { iri: string; label: string }>> {
    const result = await store.query(
      `PREFIX dcat: <${prefixes.dcat}> PREFIX skos: <${prefixes.skos}>
       SELECT DISTINCT ?t (SAMPLE(?l) AS ?label) WHERE { ?d dcat:theme ?u . ?u skos:broader* ?t . OPTIONAL { ?t skos:prefLabel ?l } } GROUP BY ?t`,
      { form: 'SELECT' },
    );
    const sets = new Map<string, { iri: string; label: string }>();
    if (result.form === 'SELECT') for (const row of result.bindings) sets.set(`theme:${slugOf(row.t!.value)}`, { iri: row.t!.value, label: row.label?.value ?? row.t!.value });
    return sets;
  }

  /** The graphs of records themed with the concept or one of its narrower concepts (any theme without one). */
  async function themedGraphs(theme?: string): Promise<string[]> {
    const concept = theme ? ntriples(DataFactory.namedNode(theme)) : '?t';
    const result = await store.query(
      `PREFIX dcat: <${prefixes.dcat}> PREFIX skos: <${prefixes.skos}>
       SELECT DISTINCT ?g WHERE { ?u skos:broader* ${concept} . GRAPH ?g { ?d dcat:theme ?u } }`,
      { form: 'SELECT' },
    );
    return result.form === 'SELECT' ? result.bindings.map((b) => b.g!.value) : [];
  }

  async function queryOf(set: string | undefined): Promise<ItemQuery> {
    // "source" and "theme" are the parents of the hierarchical sets (OAI-PMH §4.6).
    if (!set || set === 'source') return {};
    if (set.startsWith('source:')) return { source: set.slice('source:'.length) };
    if (set === 'theme') return { graphs: await themedGraphs() };
    const theme = (await themeSets()).get(set);
    if (!theme) throw new OaiError('noRecordsMatch', `No set ${set}; see ListSets`);
    return { graphs: await themedGraphs(theme.iri) };
  }

  /** The theme set specs of each record graph: its themes and their broader concepts. */
  async function themeSpecsOf(graphs: string[]): Promise<Map<string, string[]>> {
    const specs = new Map<string, string[]>();
    if (graphs.length === 0) return specs;
    const result = await store.query(
      `PREFIX dcat: <${prefixes.dcat}> PREFIX skos: <${prefixes.skos}>
       SELECT DISTINCT ?g ?t WHERE { VALUES ?g { ${graphs.map((g) => ntriples(DataFactory.namedNode(g))).join(' ')} } GRAPH ?g { ?d dcat:theme ?u } ?u skos:broader* ?t }`,
      { form: 'SELECT' },
    );
    if (result.form !== 'SELECT') return specs;
    for (const row of result.bindings) specs.set(row.g!.value, [...(specs.get(row.g!.value) ?? []), `theme:${slugOf(row.t!.value)}`]);
    for (const list of specs.values()) list.sort();
    return specs;
  }

  function header(parent: XMLBuilder, item: PublishedItem, themeSpecs: string[]): void {
    const node = parent.ele('header');
    if (item.deleted) node.att('status', 'deleted');
    node.ele('identifier').txt(identifierOf(item)).up().ele('datestamp').txt(seconds(item.datestamp)).up();
    node.ele('setSpec').txt(`source:${item.source}`);
    for (const spec of themeSpecs) node.ele('setSpec').txt(spec);
  }

  async function writeRecords(parent: XMLBuilder, list: PublishedItem[], format: MetadataFormat, withMetadata: boolean): Promise<void> {
    const live = list.filter((i) => !i.deleted && i.graph);
    const themeSpecs = await themeSpecsOf(live.map((i) => i.graph!));
    const headerOf = (parent: XMLBuilder, item: PublishedItem) => header(parent, item, (item.graph && themeSpecs.get(item.graph)) || []);
    // DataCite XML as the source published it, read per source in one query each; the rest is written from the RDF.
    const asPublished = format === oaiDatacite ? live.filter((i) => i.format === 'oai_datacite') : [];
    const fromRdf = live.filter((i) => !asPublished.includes(i));
    const graphs = withMetadata ? await recordGraphs(store, fromRdf.map((i) => i.graph!)) : new Map<string, Quad[]>();
    const verbatim = new Map<string, string>();
    if (withMetadata) {
      for (const source of new Set(asPublished.map((i) => i.source))) {
        for (const raw of records.recordsOf(source, asPublished.filter((i) => i.source === source).map((i) => i.recordId))) verbatim.set(`${source} ${raw.id}`, raw.content);
      }
    }
    for (const item of list) {
      if (!withMetadata) {
        headerOf(parent, item);
        continue;
      }
      const record = parent.ele('record');
      headerOf(record, item);
      if (item.deleted) continue;
      const metadata = record.ele('metadata');
      const published = verbatim.get(`${item.source} ${item.recordId}`);
      if (published !== undefined) writeVerbatim(metadata, published);
      else if (format === oaiDatacite) writeDataCiteXml(metadata, item.resource!, doiOfResource(iriBase, item.resource)!, graphs.get(item.graph!) ?? []);
      else writeOaiDc(metadata, item.resource!, graphs.get(item.graph!) ?? []);
    }
  }

  const tokens = resumptionTokens(options.resumptionTokenSecret);
  const token = (state: ListState): string => tokens.issue(state);
  function readToken(value: string): ListState {
    const state = tokens.read(value);
    if (!state) throw new OaiError('badResumptionToken', 'The resumption token is not one this repository issued');
    return state;
  }

  async function list(body: XMLBuilder, request: OaiRequest, withMetadata: boolean): Promise<void> {
    const state: ListState = request.args.resumptionToken
      ? readToken(request.args.resumptionToken)
      : { prefix: request.args.metadataPrefix!, ...(request.args.set ? { set: request.args.set } : {}), ...dateRange(request.args), offset: 0 };
    const format = metadataFormats.find((f) => f.prefix === state.prefix);
    if (!format) throw new OaiError('cannotDisseminateFormat', `This repository gives ${metadataFormats.map((f) => f.prefix).join(', ')}`);
    const query: ItemQuery = {
      ...(await queryOf(state.set)),
      ...(format === oaiDatacite ? { format: { raw: 'oai_datacite', orResourcePrefix: catalogueIris(iriBase).resourcePrefix('doi') } } : {}),
      ...(state.from ? { from: state.from } : {}),
      ...(state.until ? { until: state.until } : {}),
    };
    const total = items.count(query);
    if (total === 0) throw new OaiError('noRecordsMatch', 'No record matches these arguments');
    if (state.offset >= total) throw new OaiError('badResumptionToken', 'The resumption token points past the end of the list');
    const page = items.list(query, pageSize, state.offset);
    const container = body.ele(request.verb);
    await writeRecords(container, page, format, withMetadata);
    const next = state.offset + page.length;
    if (request.args.resumptionToken || next < total) {
      const resumption = container.ele('resumptionToken').att('completeListSize', String(total)).att('cursor', String(state.offset));
      if (next < total) resumption.txt(token({ ...state, offset: next }));
    }
  }

  async function answer(body: XMLBuilder, request: OaiRequest, baseUrl: string): Promise<void> {
    switch (request.verb) {
      case 'Identify': {
        const earliest = items.earliest();
        const identify = body.ele('Identify');
        identify
          .ele('repositoryName').txt('Maillage — catalogue of Recherche Data Gouv').up()
          .ele('baseURL').txt(baseUrl).up()
          .ele('protocolVersion').txt('2.0').up()
          .ele('adminEmail').txt(options.adminEmail).up()
          .ele('earliestDatestamp').txt(earliest ? seconds(earliest) : '1970-01-01T00:00:00Z').up()
          .ele('deletedRecord').txt('persistent').up()
          .ele('granularity').txt('YYYY-MM-DDThh:mm:ssZ');
        identify
          .ele('description')
          .ele('http://www.openarchives.org/OAI/2.0/oai-identifier', 'oai-identifier')
          .att(xsi, 'xsi:schemaLocation', 'http://www.openarchives.org/OAI/2.0/oai-identifier http://www.openarchives.org/OAI/2.0/oai-identifier.xsd')
          .ele('scheme').txt('oai').up()
          .ele('repositoryIdentifier').txt(namespace).up()
          .ele('delimiter').txt(':').up()
          .ele('sampleIdentifier').txt(identifierOf(items.list({}, 1, 0)[0] ?? { source: 'source', recordId: 'record-id' }));
        return;
      }
      case 'ListMetadataFormats': {
        let formats = metadataFormats;
        if (request.args.identifier) {
          const id = parseIdentifier(request.args.identifier);
          const item = id ? items.get(id.source, id.recordId) : null;
          if (!item) throw new OaiError('idDoesNotExist', `No item ${request.args.identifier}`);
          formats = formatsOf(item, iriBase);
        }
        const container = body.ele('ListMetadataFormats');
        for (const f of formats) {
          container.ele('metadataFormat').ele('metadataPrefix').txt(f.prefix).up().ele('schema').txt(f.schema).up().ele('metadataNamespace').txt(f.namespace);
        }
        return;
      }
      case 'ListSets': {
        if (request.args.resumptionToken) throw new OaiError('badResumptionToken', 'ListSets is answered in one response; there is nothing to resume');
        const container = body.ele('ListSets');
        for (const source of items.sources()) container.ele('set').ele('setSpec').txt(`source:${source}`).up().ele('setName').txt(`Records harvested from ${source}`);
        const themes = await themeSets();
        if (themes.size > 0) container.ele('set').ele('setSpec').txt('theme').up().ele('setName').txt('Themes of the shared thesaurus');
        for (const [spec, theme] of themes) container.ele('set').ele('setSpec').txt(spec).up().ele('setName').txt(theme.label);
        container.ele('set').ele('setSpec').txt('source').up().ele('setName').txt('Source repositories');
        return;
      }
      case 'GetRecord': {
        const id = parseIdentifier(request.args.identifier!);
        const item = id ? items.get(id.source, id.recordId) : null;
        if (!item) throw new OaiError('idDoesNotExist', `No item ${request.args.identifier}`);
        const format = formatsOf(item, iriBase).find((f) => f.prefix === request.args.metadataPrefix);
        if (!format) throw new OaiError('cannotDisseminateFormat', `${request.args.identifier} is available as ${formatsOf(item, iriBase).map((f) => f.prefix).join(', ')}`);
        await writeRecords(body.ele('GetRecord'), [item], format, true);
        return;
      }
      case 'ListIdentifiers':
        return list(body, request, false);
      case 'ListRecords':
        return list(body, request, true);
    }
  }

  async function oai(c: Context): Promise<Response> {
    const baseUrl = publicOrigin(c) + new URL(c.req.url).pathname;
    const doc = create({ version: '1.0', encoding: 'UTF-8' })
      .ele(oaiNamespace, 'OAI-PMH')
      .att('http://www.w3.org/2000/xmlns/', 'xmlns:xsi', xsi)
      .att(xsi, 'xsi:schemaLocation', `${oaiNamespace} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd`);
    doc.ele('responseDate').txt(seconds(new Date().toISOString()));
    const requestElement = doc.ele('request').txt(baseUrl);
    let request: OaiRequest | null = null;
    try {
      request = await readOaiRequest(c);
      requestElement.att('verb', request.verb);
      for (const [name, value] of Object.entries(request.args)) requestElement.att(name, value);
      await answer(doc, request, baseUrl);
    } catch (error) {
      if (!(error instanceof OaiError)) throw error;
      // A badVerb or badArgument echo carries no attributes (§3.6); remove what was set.
      if (error.code === 'badVerb' || error.code === 'badArgument') for (const name of ['verb', ...Object.keys(request?.args ?? {})]) requestElement.removeAtt(name);
      doc.ele('error').att('code', error.code).txt(error.message);
    }
    return c.body(doc.end({ prettyPrint: false }), 200, { 'content-type': 'text/xml; charset=utf-8' });
  }

  return new Hono().get('/oai', oai).post('/oai', oai);
}
