// Owns mapping one raw record to its catalogue graph: the format's mapping (mappings/) describes
// the resource, and every record gets the same dcat:CatalogRecord around it (source, dates,
// primary topic) and its place in its source's dcat:Catalog.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { NamedNode, Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { termId } from '../rdf/index.js';
import type { Pid } from '../linking/identifiers.js';
import { catalogueIris, type CatalogueIris } from './catalogue-iris.js';
import { compileMapping, MappingDefinitionError, MappingInputError, type CompiledMapping, type MappingRun, type Tables } from './compile-mapping.js';
import { dcatUpgrade, dcatUpgradeSpec, type DcatUpgrade } from './dcat-upgrade.js';
import { mappingSpec } from './mapping-spec.js';
import { prefixes } from './namespaces.js';
import { parseSourceTree } from './source-tree.js';
import { dateLiteral } from './value-converters.js';

const { namedNode, literal, quad } = DataFactory;
const rdfType = namedNode(`${prefixes.rdf}type`);

export const bundledMappingsFolder = new URL('../../mappings/', import.meta.url);

export interface RecordToMap {
  source: string;
  id: string;
  format: string;
  content: string;
  datestamp: string | null;
  /** When the record was taken in, for dct:modified when the source gives no date. */
  harvestedAt: string;
}

export interface MappedRecord {
  graph: string;
  resource: string;
  resourceTypes: string[];
  quads: Quad[];
}

export class UnknownFormatError extends MappingInputError {
  override name = 'UnknownFormatError';
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new MappingDefinitionError(`${file}: ${(error as Error).message}`);
  }
}

function loadTables(folder: string): Tables {
  const tables = new Map<string, Map<string, string[]>>();
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.json'))) {
    const { entries } = readJson(path.join(folder, file)) as { entries: Record<string, string | string[]> };
    tables.set(file.replace(/\.json$/, ''), new Map(Object.entries(entries).map(([key, value]) => [key.toLowerCase(), [value].flat()])));
  }
  return tables;
}

export class RecordMapper {
  readonly iris: CatalogueIris;

  private constructor(
    private readonly mappings: ReadonlyMap<string, CompiledMapping>,
    private readonly dcat: DcatUpgrade,
    private readonly tables: Tables,
    base: string,
  ) {
    this.iris = catalogueIris(base);
  }

  /** Reads and compiles every mapping in the folder; a broken mapping file fails here, naming it. */
  static load(base: string, folder: string | URL = bundledMappingsFolder): RecordMapper {
    const root = folder instanceof URL ? folder.pathname : folder;
    const tables = loadTables(path.join(root, 'tables'));
    const mappings = new Map<string, CompiledMapping>();
    for (const file of readdirSync(root).filter((name) => name.endsWith('.json') && name !== 'dcat-ap-upgrade.json')) {
      const parsed = mappingSpec.safeParse(readJson(path.join(root, file)));
      if (!parsed.success) throw new MappingDefinitionError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      mappings.set(parsed.data.format, compileMapping(parsed.data, tables));
    }
    const upgrade = dcatUpgradeSpec.parse(readJson(path.join(root, 'dcat-ap-upgrade.json')));
    return new RecordMapper(mappings, dcatUpgrade(upgrade), tables, base);
  }

  formats(): string[] {
    return [...this.mappings.keys(), 'dcat-nquads'].sort();
  }

  /** Maps a record; a record its format's mapping cannot read throws MappingInputError. */
  map(record: RecordToMap): MappedRecord {
    const graph = this.iris.recordGraph(record.source, record.id);
    const quads: Quad[] = [];
    let resource: NamedNode;
    if (record.format === 'dcat-nquads') {
      const mapped = this.dcat.map(record.content, graph, this.iris, record);
      resource = mapped.resource;
      quads.push(...mapped.quads);
    } else {
      const mapping = this.mappings.get(record.format);
      if (!mapping) throw new UnknownFormatError(`no mapping for the format ${record.format} (mappings/ has ${this.formats().join(', ')})`);
      let tree: unknown;
      try {
        tree = parseSourceTree(record.content, mapping.spec.input);
      } catch (error) {
        throw new MappingInputError(`not well-formed ${mapping.spec.input.toUpperCase()}: ${(error as Error).message}`);
      }
      resource = mapping.map(tree, this.run(graph, quads), () => namedNode(this.iris.localResource(record.source, record.id))).resource;
    }
    const resourceTypes = [...new Set(quads.filter((q) => q.subject.equals(resource) && q.predicate.equals(rdfType)).map((q) => q.object.value))];
    quads.push(...this.catalogRecord(record, graph, resource, resourceTypes));
    return { graph, resource: resource.value, resourceTypes, quads: dedupe(quads) };
  }

  private run(graph: string, quads: Quad[]): Omit<MappingRun, 'root'> {
    const counters = new Map<string, number>();
    const { iris, tables } = this;
    return {
      quads,
      mint: (pid: Pid) => namedNode(iris.resource(pid)),
      skolem(label) {
        const n = (counters.get(label) ?? 0) + 1;
        counters.set(label, n);
        return namedNode(`${graph}#${label}-${n}`);
      },
      emit: (q) => void quads.push(q),
      table: (name, key) => tables.get(name)?.get(key.toLowerCase()) ?? null,
    };
  }

  private catalogRecord(record: RecordToMap, graph: string, resource: NamedNode, types: string[]): Quad[] {
    const recordNode = namedNode(graph);
    const catalog = namedNode(this.iris.catalog(record.source));
    const modified = (record.datestamp ? dateLiteral(record.datestamp) : null) ?? dateLiteral(record.harvestedAt)!;
    const membership = types.includes(`${prefixes.dcat}Dataset`) ? 'dataset' : types.includes(`${prefixes.dcat}DataService`) ? 'service' : 'resource';
    // DCAT-AP lets a catalogue record describe only a dataset, a data service, a series or a
    // catalogue; the records of publications, software and organisations are our own record class.
    const recordClass = membership === 'resource' ? `${prefixes.mlg}HarvestedRecord` : `${prefixes.dcat}CatalogRecord`;
    return [
      quad(recordNode, rdfType, namedNode(recordClass)),
      quad(recordNode, namedNode(`${prefixes.foaf}primaryTopic`), resource),
      quad(recordNode, namedNode(`${prefixes.dct}modified`), modified),
      quad(recordNode, namedNode(`${prefixes.mlg}sourceFormat`), literal(record.format)),
      quad(recordNode, namedNode(`${prefixes.mlg}sourceRecordId`), literal(record.id)),
      quad(catalog, namedNode(`${prefixes.dcat}record`), recordNode),
      quad(catalog, namedNode(`${prefixes.dcat}${membership}`), resource),
    ];
  }
}

function dedupe(quads: Quad[]): Quad[] {
  // Statements are grouped by subject and predicate ids (N3's terms carry theirs ready-made, hash
  // included once computed); objects are compared within a group, never hashed (literals run long).
  // A node's statements mostly come together, so the last subject's group is kept at hand.
  const seen = new Map<string, Map<string, Quad['object'][]>>();
  let subject: string | null = null;
  let byPredicate: Map<string, Quad['object'][]> | undefined;
  return quads.filter((q) => {
    const s = termId(q.subject);
    if (s !== subject) {
      subject = s;
      byPredicate = seen.get(s);
      if (!byPredicate) seen.set(s, (byPredicate = new Map()));
    }
    const predicate = termId(q.predicate);
    const objects = byPredicate!.get(predicate);
    if (!objects) {
      byPredicate!.set(predicate, [q.object]);
      return true;
    }
    if (objects.some((o) => o.equals(q.object))) return false;
    objects.push(q.object);
    return true;
  });
}
