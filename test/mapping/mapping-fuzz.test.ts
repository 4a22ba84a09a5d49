// A property-based fuzz run (fast-check) over the mapping of each source format: records of the demo
// catalogue and the real records of ../shared/data when present (every format the product reads), with random values put in, keys removed, types
// changed and text replaced (control characters, lone surrogates, markup, huge numbers, deep
// arrays). The mapper either maps the record to RDF that the store takes as it is (Oxigraph parses
// the N-Quads back), or refuses it with a MappingInputError (the record is then kept aside as
// unmappable): never another exception.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import * as ox from 'oxigraph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoCatalogue } from '../../src/demo/index.js';
import { readFileRecords } from '../../src/harvest/ingest/file-records.js';
import { MappingInputError, RecordMapper, type RecordToMap } from '../../src/mapping/index.js';
import { serializeQuads } from '../../src/rdf/index.js';
import { readRealRecords } from '../support/real-records.js';
import { sharedDataMissing } from '../support/shared-data.js';

const mapper = RecordMapper.load('https://w3id.org/maillage/');
const seeds = new Map<string, RecordToMap[]>();
let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'maillage-fuzz-'));
  const { files } = writeDemoCatalogue(folder, { datasets: 12, software: 4, publications: 6, portalDatasets: 6, organisations: 4 });
  // Formats the demo catalogue does not write: a DCAT portal page and a Dublin Core OAI-PMH page.
  writeFileSync(path.join(folder, 'portal.ttl'), `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
<https://data.example.org/datasets/1> a dcat:Dataset ; dct:title "Qualité de l'air"@fr ; dct:identifier "1" ; dct:description "Mesures horaires."@fr ; dcat:keyword "air"@fr ;
  dct:issued "2021-03-04"^^<http://www.w3.org/2001/XMLSchema#date> ; dcat:distribution [ a dcat:Distribution ; dcat:accessURL <https://data.example.org/f.csv> ; dct:format "CSV" ] .\n`);
  writeFileSync(path.join(folder, 'dc.xml'), `<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><request metadataPrefix="oai_dc">http://x/oai</request><ListRecords><record><header><identifier>oai:x:1</identifier><datestamp>2024-01-01</datestamp></header><metadata>
<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title xml:lang="fr">Sols de Bretagne</dc:title><dc:creator>Dupont, Jeanne</dc:creator><dc:identifier>https://doi.org/10.1234/sols</dc:identifier><dc:date>2020</dc:date><dc:subject>sols</dc:subject><dc:type>Dataset</dc:type></oai_dc:dc>
</metadata></record></ListRecords></OAI-PMH>`);
  files.push(path.join(folder, 'portal.ttl'), path.join(folder, 'dc.xml'));
  // Real records of ../shared/data join the seeds when it is there (the demo ones run without it).
  if (!sharedDataMissing) {
    for (const { record } of await readRealRecords()) {
      if (record.deleted) continue;
      const list = seeds.get(record.format) ?? [];
      if (list.length < 12) seeds.set(record.format, [...list, { source: 'fuzz', harvestedAt: '2026-11-29T00:00:00Z', ...record }]);
    }
  }
  for (const file of files) {
    const { records } = await readFileRecords(file);
    for (const record of records.slice(0, 6)) {
      if (record.deleted) continue;
      seeds.set(record.format, [...(seeds.get(record.format) ?? []), { source: 'fuzz', harvestedAt: '2026-11-29T00:00:00Z', ...record }]);
    }
  }
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Strings that break naive code: control characters, lone surrogates, markup, quotes, long runs. */
const nastyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', '\udfff', '"><script>', '<![CDATA[', ']]>', '&amp;', 'javascript:alert(1)', '10.1234/x y', 'http://', 'urn:x:"y"', '\\u0000', '1e400', '-0', 'NaN'),
  fc.string({ minLength: 500, maxLength: 5000 }),
);
const nastyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, nastyText, fc.double(), fc.bigInt().map((n) => Number(n)), fc.constant(1e308), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 4 })),
})).value;

/** Every [path, value] of a JSON tree. */
function leaves(node: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(node)) return [at, ...node.flatMap((child, i) => leaves(child, [...at, i]))];
  if (node && typeof node === 'object') return [at, ...Object.entries(node).flatMap(([k, v]) => leaves(v, [...at, k]))];
  return [at];
}

function mutateJson(content: string, choice: number, mode: number, value: unknown): string {
  const tree = JSON.parse(content) as unknown;
  const paths = leaves(tree).filter((p) => p.length > 0);
  const target = paths[choice % paths.length]!;
  const parent = target.slice(0, -1).reduce<any>((node, key) => node[key], tree); // eslint-disable-line @typescript-eslint/no-explicit-any
  const key = target[target.length - 1]!;
  if (mode === 0 && !Array.isArray(parent)) delete parent[key];
  else parent[key] = value;
  return JSON.stringify(tree);
}

/** Replaces the text of one element (escaped, so the XML stays well-formed) or one attribute value. */
function mutateXml(content: string, choice: number, text: string): string {
  const escaped = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const spots = [...content.matchAll(/>([^<]+)</g), ...content.matchAll(/="([^"]*)"/g)];
  if (spots.length === 0) return content;
  const spot = spots[choice % spots.length]!;
  const start = spot.index! + spot[0].indexOf(spot[1]!);
  return `${content.slice(0, start)}${escaped}${content.slice(start + spot[1]!.length)}`;
}

async function mapsCleanly(record: RecordToMap): Promise<void> {
  let quads;
  try {
    quads = mapper.map(record).quads;
  } catch (error) {
    if (error instanceof MappingInputError) return;
    throw error;
  }
  const store = new ox.Store();
  const nquads = await serializeQuads(quads, 'application/n-quads');
  try {
    store.load(nquads, { format: 'application/n-quads' });
  } catch (error) {
    // Say which line of which record the store refused.
    const line = Number(/line (\d+)/.exec((error as Error).message)?.[1] ?? 0);
    throw new Error(`${(error as Error).message} (${record.format} record ${record.id}: ${nquads.split('\n')[line - 1]?.slice(-200)})`);
  }
  expect(store.size).toBe(quads.length);
}

describe('fuzzing the mappings', () => {
  it('has seed records for the formats the product reads', () => {
    expect([...seeds.keys()]).toEqual(expect.arrayContaining(['ckan-json', 'datacite-json', 'dcat-nquads', 'hal-json', 'oai_datacite', 'oai_dc', 'ror-json']));
  });

  it('never fails on a mutated record other than by refusing it (MappingInputError), and never writes RDF the store refuses', async () => {
    const formats = [...seeds.keys()].sort();
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.nat(2), nastyValue, nastyText, async (which, choice, mode, value, text) => {
        const format = formats[which % formats.length]!;
        const seed = seeds.get(format)![choice % seeds.get(format)!.length]!;
        const trimmed = seed.content.trimStart();
        const content = trimmed.startsWith('{') || trimmed.startsWith('[') ? mutateJson(seed.content, choice, mode, value) : trimmed.startsWith('<') ? mutateXml(seed.content, choice, text) : `${seed.content}\n${JSON.stringify(text)}`;
        await mapsCleanly({ ...seed, content });
      }),
      { numRuns: 600, seed: 20261129 },
    );
  });
});
