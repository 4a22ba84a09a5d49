// Owns the named conversions a mapping rule may ask for with "as": dates to typed literals,
// identifiers to catalogue IRIs, bounding boxes to GeoSPARQL WKT, periods to dct:PeriodOfTime...
// Each takes the field's text (and its source node) and gives a term, adding what else it needs.
import type { Literal, NamedNode, Quad, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { parsePid, type Pid } from '../linking/identifiers.js';
import { curieNode } from './namespaces.js';
import { compilePath, textOf } from './path-select.js';
import type { SourceTree } from './source-tree.js';

const { namedNode, literal, quad } = DataFactory;
const xsd = (name: string) => namedNode(`http://www.w3.org/2001/XMLSchema#${name}`);
const rdfType = namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');

export interface ConversionContext {
  /** The IRI a persistent identifier gets in the catalogue. */
  mint(pid: Pid): NamedNode;
  /** A fresh IRI inside the record's graph for a node with no identifier of its own. */
  skolem(label: string): NamedNode;
  emit(quad: Quad): void;
  table(name: string, key: string): string[] | null;
}

export interface ConversionInput {
  text: string;
  node: SourceTree;
  lang: string | null;
  datatype: string | null;
  table: string | null;
  scheme: string | null;
}

export type Converter = (input: ConversionInput, context: ConversionContext) => Term | null;

const isoDateTime = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A date as the most precise XSD type it fits: dateTime, date, gYearMonth or gYear. */
export function dateLiteral(text: string): Literal | null {
  const value = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return literal(value, xsd('date'));
  if (isoDateTime.test(value)) {
    let dateTime = value.replace(' ', 'T');
    if (/T\d{2}:\d{2}$/.test(dateTime)) dateTime += ':00';
    // A dateTime with no zone stays without one (xsd allows it); a "+0100" zone gets its colon.
    dateTime = dateTime.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    return literal(dateTime, xsd('dateTime'));
  }
  if (/^\d{4}-\d{2}$/.test(value)) return literal(value, xsd('gYearMonth'));
  if (/^\d{4}$/.test(value)) return literal(value, xsd('gYear'));
  return null;
}

function pidOf(input: ConversionInput): Pid | null {
  return parsePid(input.text, input.scheme ?? undefined);
}

function tableIris(input: ConversionInput, context: ConversionContext): NamedNode | null {
  if (!input.table) return null;
  const found = context.table(input.table, input.text) ?? context.table(input.table, input.text.toLowerCase());
  return found?.[0] ? curieNode(found[0]) : null;
}

const number = (node: SourceTree, path: string): number | null => {
  const text = textOf(compilePath(path)(node)[0]);
  const value = text === null ? NaN : Number(text);
  return Number.isFinite(value) ? value : null;
};

/** Conversions that read fields of the selected node rather than its text. */
export const nodeConverters = new Set(['wkt-bbox', 'wkt-point']);

/** BCP 47 syntax as stores check it: a primary subtag of 2 to 8 letters (or x-/i- private use), then subtags. */
const languageTag = /^([a-zA-Z]{2,8}|[xXiI](?=-))(-[a-zA-Z0-9]{1,8})*$/;

export const converters: Record<string, Converter> = {
  // A language tag that is not BCP 47 (a source's typo, or hostile text) is dropped: RDF stores refuse it.
  literal: ({ text, lang, datatype }) => (lang && languageTag.test(lang) ? literal(text, lang.toLowerCase()) : datatype ? literal(text, curieNode(datatype)) : literal(text)),
  date: ({ text }) => dateLiteral(text),
  /** A publication year as xsd:gYear; anything more precise as its date type. */
  year: ({ text }) => (/^\d{4}$/.test(text.trim()) ? literal(text.trim(), xsd('gYear')) : dateLiteral(text)),
  iri: ({ text }) => (/^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i.test(text.trim()) ? namedNode(text.trim()) : null),
  email: ({ text }) => (/^[^\s@<>]+@[^\s@<>]+$/.test(text.trim()) ? namedNode(`mailto:${text.trim()}`) : null),
  /** The catalogue node of the resource an identifier names (a stub until it is harvested itself). */
  pid: (input, context) => {
    const pid = pidOf(input);
    if (!pid) return null;
    const node = context.mint(pid);
    if (pid.scheme !== 'url') context.emit(quad(node, namedNode('http://purl.org/dc/terms/identifier'), literal(pid.iri)));
    return node;
  },
  /** An identifier written as the literal of its resolvable IRI (dct:identifier). */
  'pid-literal': (input) => {
    const pid = pidOf(input);
    return pid ? literal(pid.iri) : null;
  },
  /** The resolvable IRI itself, for properties that point to the web (dcat:landingPage). */
  'pid-iri': (input) => {
    const pid = pidOf(input);
    return pid ? namedNode(pid.iri) : null;
  },
  geonames: ({ text }) => (/^\d+$/.test(text) ? namedNode(`https://sws.geonames.org/${text}/`) : null),
  /** An IANA media type ("text/csv; charset=UTF-8") as its IANA registry IRI. */
  'media-type': ({ text }) => {
    const type = text.split(';')[0]!.trim().toLowerCase();
    return /^[a-z]+\/[a-z0-9.+-]+$/.test(type) ? namedNode(`https://www.iana.org/assignments/media-types/${type}`) : null;
  },
  /** A term from a table (licences, access rights, languages, resource types); unknown keys drop. */
  table: (input, context) => tableIris(input, context),
  /** A licence from a table by URI or SPDX id; an unknown licence URI is kept as it is. */
  licence: (input, context) =>
    tableIris(input, context) ?? (/^https?:\/\//.test(input.text) && !/coar\/access_right|eu-repo/.test(input.text) ? converters.iri!(input, context) : null),
  /** "2010-01-01/2010-12-31" (or one date) as a dct:PeriodOfTime with DCAT start and end dates. */
  period: ({ text }, context) => {
    const [start, end] = text.split('/').map((part) => (part.trim() ? dateLiteral(part) : null));
    if (!start && !end) return null;
    const period = context.skolem('period');
    context.emit(quad(period, rdfType, namedNode('http://purl.org/dc/terms/PeriodOfTime')));
    if (start) context.emit(quad(period, namedNode('http://www.w3.org/ns/dcat#startDate'), start));
    if (end) context.emit(quad(period, namedNode('http://www.w3.org/ns/dcat#endDate'), end));
    return period;
  },
  /** A DataCite geoLocationBox (or CKAN-like west/east/south/north fields) as a WKT polygon. */
  'wkt-bbox': ({ node }) => {
    const west = number(node, 'westBoundLongitude');
    const east = number(node, 'eastBoundLongitude');
    const south = number(node, 'southBoundLatitude');
    const north = number(node, 'northBoundLatitude');
    if (west === null || east === null || south === null || north === null) return null;
    const ring = `${west} ${south}, ${east} ${south}, ${east} ${north}, ${west} ${north}, ${west} ${south}`;
    return literal(`POLYGON((${ring}))`, namedNode('http://www.opengis.net/ont/geosparql#wktLiteral'));
  },
  /** A DataCite geoLocationPoint as a WKT point. */
  'wkt-point': ({ node }) => {
    const longitude = number(node, 'pointLongitude');
    const latitude = number(node, 'pointLatitude');
    return longitude === null || latitude === null ? null : literal(`POINT(${longitude} ${latitude})`, namedNode('http://www.opengis.net/ont/geosparql#wktLiteral'));
  },
};
