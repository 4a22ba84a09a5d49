// Reusing SHACL results between alike records must never change a report: every record validated
// with reuse gets exactly the findings a full validation gives it. Checked on the demo catalogue
// (five source formats) with the official DCAT-AP 3.0 shapes, and on crafted records whose only
// difference is one a shape sees (a missing identifier, an ill-typed date, one title too many).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDemoCatalogue } from '../../src/demo/index.js';
import { readFileRecords } from '../../src/harvest/ingest/file-records.js';
import { RecordMapper } from '../../src/mapping/index.js';
import { bundledShapesFolder, RecordValidator, type RecordReport } from '../../src/validation/index.js';
import { WholeKeyOdds } from '../../src/validation/whole-key-odds.js';
import { temporaryDataDir } from '../support/embedded-store.js';
import { sharedDataDir, sharedDataMissing } from '../support/shared-data.js';

const data = temporaryDataDir('reuse');
afterAll(() => data.remove());

/** A report as a sorted list; blank-node shapes are named per validator instance, so only their kind is kept. */
const findingsOf = (report: RecordReport) =>
  report.findings.map((f) => JSON.stringify([f.severity, f.focusNode, f.path, f.value, f.message, f.component, f.core, f.shape.startsWith('_:') ? '_:' : f.shape])).sort();

const turtle = (text: string): Quad[] =>
  new Parser().parse(`@prefix dct: <http://purl.org/dc/terms/> . @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n${text}`);

/** A catalogue record and its dataset, varied by `extra` statements on the dataset. */
const record = (n: number, extra: string) =>
  turtle(`<urn:rec:${n}> a dcat:CatalogRecord ; foaf:primaryTopic <urn:ds:${n}> .
    <urn:ds:${n}> a dcat:Dataset ; dct:title "Jeu ${n}"@fr ; dcat:landingPage <https://example.org/${n}> ; dct:creator <urn:person:${n}> ${extra} .
    <urn:person:${n}> a foaf:Person ; foaf:name "Personne ${n}" .`);

describe('SHACL result reuse', () => {
  it('reuses per focus node and shape, and each difference a shape sees still shows', async () => {
    // The project's core shapes, and a profile that reads datatypes, counts across an alternative
    // path, the class of a value and an inverse path.
    const dir = mkdtempSync(path.join(tmpdir(), 'maillage-shapes-'));
    writeFileSync(path.join(dir, 'maillage-core.ttl'), readFileSync(new URL('maillage-core.ttl', bundledShapesFolder), 'utf8'));
    writeFileSync(
      path.join(dir, 'maillage-profile.ttl'),
      `@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix dct: <http://purl.org/dc/terms/> . @prefix dcat: <http://www.w3.org/ns/dcat#> .
      @prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
      <urn:shape:Dataset> a sh:NodeShape ; sh:targetClass dcat:Dataset ;
        sh:property [ sh:path dct:issued ; sh:datatype xsd:date ; sh:maxCount 1 ] ,
          [ sh:path [ sh:alternativePath ( dct:title foaf:name ) ] ; sh:maxCount 2 ] ,
          [ sh:path dct:creator ; sh:class foaf:Person ] ,
          [ sh:path [ sh:inversePath foaf:primaryTopic ] ; sh:minCount 1 ; sh:nodeKind sh:IRI ] .`,
    );
    const full = RecordValidator.load({ officialDir: null, projectDir: dir, reuse: false });
    const reuse = RecordValidator.load({ officialDir: null, projectDir: dir });
    expect(reuse.reuse).toBe('focus-node');
    const records = [
      record(1, '; dct:identifier "1"'),
      record(2, '; dct:identifier "2"'),
      record(3, ''), // no identifier: a core violation
      record(4, '; dct:identifier "4" ; dct:issued "2020-12-01"^^xsd:date'),
      record(5, '; dct:identifier "5" ; dct:issued "2020-13-45"^^xsd:date'), // ill-typed
      record(6, '; dct:identifier "6" ; dct:issued "2020-12-01"^^xsd:date'),
      record(7, '; dct:identifier "7" ; foaf:name "Jeu 7"@fr, "Autre"@fr'), // two distinct values
      record(8, '; dct:identifier "8" ; foaf:name "Un"@fr, "Autre"@fr'), // three: one too many
      record(9, '; dct:identifier "9" . <urn:person:9> a foaf:Organization').filter((q) => q.object.value !== 'http://xmlns.com/foaf/0.1/Person'), // a creator not a Person
      record(10, '; dct:identifier "10"'),
      turtle('<urn:ds:11> a dcat:Dataset ; dct:title "Sans notice"@fr ; dct:identifier "11" ; dcat:landingPage <https://example.org/11> .'), // no catalogue record
      record(12, '; dct:identifier "12"').filter((q) => q.subject.value !== 'urn:rec:12'), // like record 1 but for the catalogue record pointing to it
    ];
    const violations: number[] = [];
    for (const quads of records) {
      const expected = findingsOf(await full.validate(quads));
      expect(findingsOf(await reuse.validate(quads))).toEqual(expected);
      violations.push(expected.filter((f) => f.includes('"Violation"')).length);
    }
    expect(violations).toEqual([0, 0, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1]);
    // Records 2 and 10 look like record 1 to every shape, record 6 like record 4: all their results came from the cache.
    expect(reuse.stats.reused).toBeGreaterThanOrEqual(3);
    expect(reuse.stats.unitsReused).toBeGreaterThan(reuse.stats.unitsValidated);
  });

  it('stops looking up whole neighbourhoods that never repeat, with the same findings', async () => {
    const full = RecordValidator.load({ officialDir: null, reuse: false });
    const reuse = RecordValidator.load({ officialDir: null });
    let differing = 0;
    for (let n = 1; n <= 200; n += 1) {
      // Every dataset has its own number of keywords, so its whole neighbourhood is new each time;
      // one in seven has no identifier (a core violation), one in five an ill-typed date.
      const keywords = Array.from({ length: n }, (_, k) => `"mot ${k}"@fr`).join(', ');
      const quads = record(n, `; dcat:keyword ${keywords}${n % 7 ? `; dct:identifier "${n}"` : ''}${n % 5 ? '' : '; dct:issued "2020-13-45"^^xsd:date'}`);
      if (JSON.stringify(findingsOf(await reuse.validate(quads))) !== JSON.stringify(findingsOf(await full.validate(quads)))) differing += 1;
    }
    expect(differing).toBe(0);
    expect(reuse.stats.wholeKeysSkipped).toBeGreaterThan(100);
  });

  it('keeps the odds of whole-neighbourhood lookups per kind of node', () => {
    const odds = new WholeKeyOdds();
    for (let i = 0; i < 64; i += 1) {
      expect(odds.worthTrying('dataset')).toBe(true);
      odds.tried('dataset', false);
      odds.tried('person', true);
    }
    expect(odds.worthTrying('person')).toBe(true);
    // After 64 misses a dataset is looked up whole one time in 32 only, in case that changes.
    const tries = Array.from({ length: 64 }, () => odds.worthTrying('dataset')).filter(Boolean).length;
    expect(tries).toBe(2);
    for (let i = 0; i < 10; i += 1) odds.tried('dataset', true);
    expect(odds.worthTrying('dataset')).toBe(true);
  });

  it('falls back to whole-record reuse when a shape looks two steps away', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'maillage-shapes-'));
    writeFileSync(path.join(dir, 'maillage-core.ttl'), `@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
      <urn:shape:Topic> a sh:NodeShape ; sh:targetObjectsOf foaf:primaryTopic ;
        sh:property [ sh:path ( <http://purl.org/dc/terms/creator> foaf:name ) ; sh:minCount 1 ] .`);
    writeFileSync(path.join(dir, 'maillage-profile.ttl'), '');
    const validator = RecordValidator.load({ officialDir: null, projectDir: dir });
    expect(validator.reuse).toBe('record');
  });

  describe.skipIf(sharedDataMissing !== null)(`on the demo catalogue with the official DCAT-AP 3.0 shapes${sharedDataMissing ? ` (skipped: ${sharedDataMissing})` : ''}`, () => {
    it('gives every record the findings of a full validation', async () => {
      const officialDir = path.join(sharedDataDir, 'dcat-ap/3.0.1/html/shacl');
      const { files } = writeDemoCatalogue(path.join(data.dir, 'demo'));
      const mapper = RecordMapper.load('https://w3id.org/maillage/');
      const mapped: Quad[][] = [];
      for (const file of files) for (const r of (await readFileRecords(file)).records) mapped.push(mapper.map({ source: 'demo', harvestedAt: '2026-11-22T00:00:00Z', ...r }).quads);
      expect(mapped.length).toBeGreaterThan(1000);
      const full = RecordValidator.load({ officialDir, reuse: false });
      const reuse = RecordValidator.load({ officialDir });
      expect(reuse.reuse).toBe('focus-node');
      let differing = 0;
      let findings = 0;
      for (const quads of mapped) {
        const expected = findingsOf(await full.validate(quads));
        findings += expected.length;
        if (JSON.stringify(findingsOf(await reuse.validate(quads))) !== JSON.stringify(expected)) differing += 1;
      }
      expect(differing).toBe(0);
      expect(findings).toBeGreaterThan(1000);
      expect(reuse.stats.unitsReused).toBeGreaterThan(10 * reuse.stats.unitsValidated);
    });
  });
});
