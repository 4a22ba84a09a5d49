// The alignment on real records, scored against the curators' labels (alignment-evaluation-set.ts).
// The floors sit below the figures measured with `npm run bench -- alignment` (recall 0.80,
// precision 0.93 on 201 records), so a regression fails here while small label edits do not.
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { bundledThesaurus, thesaurusGraph } from '../../src/thesaurus/bundled-thesaurus.js';
import { ConceptScheme, KeywordAligner } from '../../src/thesaurus/index.js';
import { readRealRecords } from '../support/real-records.js';
import { sharedDataMissing } from '../support/shared-data.js';
import { scoreAlignment } from './alignment-score.js';

describe.skipIf(sharedDataMissing !== null)(`alignment of real records to the thesaurus${sharedDataMissing ? ` (skipped: ${sharedDataMissing})` : ''}`, () => {
  it('finds a right theme for most labelled records and rarely a wrong one', async () => {
    const scheme = ConceptScheme.allFromQuads(new Parser().parse(bundledThesaurus().turtle), thesaurusGraph)[0]!;
    const records = await readRealRecords();
    const score = scoreAlignment(records, KeywordAligner.bundled(), scheme);
    expect(score.unlabelled).toEqual([]);
    expect(score.records).toBeGreaterThanOrEqual(200);
    expect(score.recall).toBeGreaterThanOrEqual(0.78);
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
    // Every kind of signal is used on real records.
    for (const method of ['exact-altLabel', 'keyword-contains', 'classification-fos', 'classification-dewey', 'classification-jel', 'mapping-relatedMatch']) expect(score.byMethod[method]?.themes, method).toBeGreaterThan(0);
  }, 60_000);
});

describe('classification subjects', () => {
  const aligner = KeywordAligner.bundled();
  const themes = (...keywords: string[]) => aligner.align(keywords).map((a) => `${a.concept.replace('https://w3id.org/maillage/thesaurus/', '')} ${a.method}`);

  it('reads DataCite FOS labels, FORD codes, Dewey classes and JEL codes', () => {
    expect(themes('FOS: Computer and information sciences')).toEqual(['computer-information-sciences classification-fos']);
    expect(themes('FORD 5.2')).toEqual(['economics-business classification-ford']);
    expect(themes('616.12 Cardiovascular diseases')).toEqual(['clinical-medicine classification-dewey']);
    expect(themes('830 German & related literatures')).toEqual(['languages-literature classification-dewey']);
    expect(themes('G12; C13')).toEqual(['economics-business classification-jel', 'economics-business classification-jel']);
  });

  it('does not read shelf codes, lone codes or words inside other words as classes or labels', () => {
    expect(themes('260 K', '100B', '5001-6182')).toEqual([]);
    expect(themes('G12')).toEqual([]);
    expect(themes('multi-media', 'power law')).toEqual([]);
  });

  it('reads a GCMD science keyword path at its deepest known level', () => {
    expect(themes('EARTH SCIENCE > ATMOSPHERE > CLOUDS')).toEqual(['clouds exact-prefLabel']);
    expect(themes('EARTH SCIENCE > OCEANS > OCEAN TEMPERATURE > SEA SURFACE TEMPERATURE')).toEqual(['ocean-temperature exact-altLabel']);
    expect(themes('EARTH SCIENCE > SPECTRAL/ENGINEERING > NOTHING WE KNOW')).toEqual(['earth-environmental-sciences exact-altLabel']);
  });

  it('matches labels whatever the case, accents and number, and inside longer keywords', () => {
    expect(themes('QUALITE DE L AIR')).toEqual(['air-quality exact-prefLabel']);
    expect(themes('Colorectal Neoplasms')).toEqual(['clinical-medicine keyword-contains']);
    expect(themes('labour market flexibility')).toEqual(['economics-business keyword-contains']);
  });
});
