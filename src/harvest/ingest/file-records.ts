// Owns reading records from a file on disk (recorded responses, exports, dumps), by the same
// readers the live harvesters use: OAI-PMH pages, DataCite kernel XML, the JSON API shapes, DCAT RDF.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SaxesParser } from 'saxes';
import type { RawRecord, RecordFailure } from '../../records/index.js';
import { checkXmlDepth } from '../../records/record-limits.js';
import { rdfFormatOf } from '../../rdf/index.js';
import { dcatRecordsOf, parseFeedPage } from '../dcat/dcat-feed-harvester.js';
import { ckanAdapter, dataciteAdapter, halAdapter, rorAdapter } from '../json-apis/adapters.js';
import { at, text, type JsonApiAdapter } from '../json-apis/json-paged-harvester.js';
import { metadataCheckFor } from '../oai-pmh/metadata-formats.js';
import { parseOaiPage } from '../oai-pmh/oai-pmh-page.js';

export interface FileRecords {
  format: string;
  records: RawRecord[];
  failures: RecordFailure[];
}

const placeholder = 'http://localhost/';
const jsonShapes: Array<{ test: (json: unknown) => boolean; adapter: JsonApiAdapter; wrap?: (json: unknown) => unknown }> = [
  { test: (j) => Array.isArray(at(j, 'data')) && at(j, 'data', 0, 'attributes') !== undefined, adapter: dataciteAdapter({ url: placeholder }) },
  { test: (j) => at(j, 'data', 'attributes', 'doi') !== undefined, adapter: dataciteAdapter({ url: placeholder }), wrap: (j) => ({ data: [at(j, 'data')] }) },
  { test: (j) => at(j, 'result', 'results') !== undefined, adapter: ckanAdapter({ url: placeholder }) },
  { test: (j) => at(j, 'result', 'name') !== undefined, adapter: ckanAdapter({ url: placeholder }), wrap: (j) => ({ success: true, result: { results: [at(j, 'result')] } }) },
  // A bare package dict, as `package_show` results are saved one per file.
  { test: (j) => typeof at(j, 'id') === 'string' && typeof at(j, 'name') === 'string' && Array.isArray(at(j, 'resources')), adapter: ckanAdapter({ url: placeholder }), wrap: (j) => ({ success: true, result: { results: [j] } }) },
  { test: (j) => at(j, 'response', 'docs') !== undefined, adapter: halAdapter({ url: placeholder }) },
  { test: (j) => Array.isArray(at(j, 'items')) && at(j, 'number_of_results') !== undefined, adapter: rorAdapter({ url: placeholder }) },
  { test: (j) => Array.isArray(j) && String(at(j, 0, 'id')).startsWith('https://ror.org/'), adapter: rorAdapter({ url: placeholder }), wrap: (j) => ({ items: j }) },
  { test: (j) => String(at(j, 'id')).startsWith('https://ror.org/'), adapter: rorAdapter({ url: placeholder }), wrap: (j) => ({ items: [j] }) },
];

function jsonRecords(file: string, json: unknown): FileRecords {
  if (at(json, 'datasetVersion') !== undefined) return { format: 'dataverse-json', ...dataverseExport(json) };
  const shape = jsonShapes.find((s) => s.test(json));
  if (!shape) throw new Error(`${file}: not a JSON shape we read (DataCite, CKAN, HAL, ROR, Dataverse export)`);
  const records: RawRecord[] = [];
  const failures: RecordFailure[] = [];
  for (const [index, item] of shape.adapter.items(shape.wrap ? shape.wrap(json) : json).entries()) {
    const identity = shape.adapter.identify(item);
    if (typeof identity === 'string') failures.push({ recordId: null, reason: `${path.basename(file)} item ${index}: ${identity}` });
    else records.push({ ...identity, format: shape.adapter.format, content: identity.deleted ? '' : JSON.stringify(item) });
  }
  return { format: shape.adapter.format, records, failures };
}

/** A Dataverse native export: its persistent id, as doi:/hdl:/perma: like the Search API's global_id. */
function dataverseExport(json: unknown): { records: RawRecord[]; failures: RecordFailure[] } {
  const protocol = text(at(json, 'protocol'));
  const authority = text(at(json, 'authority'));
  const identifier = text(at(json, 'identifier'));
  const id = text(at(json, 'persistentUrl')) && protocol && authority && identifier ? `${protocol}:${authority}/${identifier}` : text(at(json, 'persistentUrl'));
  if (!id) return { records: [], failures: [{ recordId: null, reason: 'a Dataverse export with no persistent identifier' }] };
  const datestamp = text(at(json, 'datasetVersion', 'lastUpdateTime')) ?? text(at(json, 'publicationDate'));
  return { records: [{ id, format: 'dataverse-json', datestamp, content: JSON.stringify(json) }], failures: [] };
}

/** A lone DataCite kernel document: one oai_datacite record named by its DOI. */
function dataciteXml(file: string, xml: string): FileRecords {
  let doi: string | null = null;
  let inDoi = false;
  let depth = 0;
  const parser = new SaxesParser({ xmlns: true });
  parser.on('opentag', (tag) => {
    checkXmlDepth((depth += 1));
    inDoi = tag.local === 'identifier' && tag.attributes.identifierType?.value === 'DOI';
  });
  parser.on('text', (value) => {
    if (inDoi && value.trim()) doi = value.trim().toLowerCase();
  });
  parser.on('closetag', () => {
    depth -= 1;
    inDoi = false;
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    const message = (error as Error).message;
    throw new Error(`${path.basename(file)}: XML not read (${message})${/entity/.test(message) ? '; only the five predefined entities are read, no DTD entity is ever expanded' : ''}`);
  }
  if (!doi) return { format: 'oai_datacite', records: [], failures: [{ recordId: null, reason: `${path.basename(file)}: a DataCite record with no DOI identifier` }] };
  return { format: 'oai_datacite', records: [{ id: doi, format: 'oai_datacite', datestamp: null, content: xml.replace(/^\uFEFF?<\?xml[^?]*\?>\s*/, '') }], failures: [] };
}

/**
 * A file's text: UTF-8 unless an XML declaration names another encoding, decoded strictly, so a
 * wrong byte is reported instead of silently replaced.
 */
export function decodeFile(file: string, bytes: Uint8Array): string {
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(Buffer.from(bytes.subarray(0, 300)).toString('latin1'))?.[1] ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared, { fatal: true });
  } catch {
    throw new Error(`${path.basename(file)}: declares the encoding "${declared}", which is not one we know`);
  }
  try {
    return decoder.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new Error(`${path.basename(file)}: not valid ${declared.toUpperCase()} (${declared === 'utf-8' ? 'no XML declaration names another encoding' : 'as its XML declaration says'}): refused`);
  }
}

export async function readFileRecords(file: string, formatHint?: string): Promise<FileRecords> {
  const body = decodeFile(file, await readFile(file));
  const extension = path.extname(file).toLowerCase();
  const start = body.trimStart();
  if (['.ttl', '.nt', '.nq', '.trig', '.rdf', '.jsonld', '.n3'].includes(extension) || formatHint === 'dcat') {
    const store = parseFeedPage(body, rdfFormatOf(extension === '.rdf' || !extension ? 'rdf' : extension.slice(1)), pathToFileURL(file).toString());
    return { format: 'dcat-nquads', ...(await dcatRecordsOf(store)) };
  }
  if (start.startsWith('<')) {
    // RDF/XML saved as .xml (CSW and GeoNetwork DCAT pages): its root element is rdf:RDF.
    if (/^(<\?xml[^?]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<rdf:RDF[\s>]/.test(start.slice(0, 4000))) {
      const store = parseFeedPage(body, rdfFormatOf('rdf'), pathToFileURL(file).toString());
      return { format: 'dcat-nquads', ...(await dcatRecordsOf(store)) };
    }
    if (/<(\w+:)?OAI-PMH[\s>]/.test(start.slice(0, 2000))) {
      const firstPass = parseOaiPage(body, formatHint ?? 'unknown');
      const prefix = formatHint ?? firstPass.requestedPrefix ?? 'oai_datacite';
      const page = parseOaiPage(body, prefix, metadataCheckFor(prefix));
      if (page.error && page.error.code !== 'noRecordsMatch') throw new Error(`${file}: OAI-PMH error ${page.error.code}: ${page.error.message}`);
      return { format: prefix, records: page.records, failures: page.failures };
    }
    return dataciteXml(file, body);
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new Error(`${file}: neither XML, RDF nor valid JSON (${(error as Error).message})`);
  }
  return jsonRecords(file, json);
}
