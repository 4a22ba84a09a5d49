// The query interpreter on its labelled queries (floors under the figures `npm run bench -- interpret`
// measured, so a regression fails), and the behaviours people rely on: each part read in French and
// English, the most likely place for an ambiguous name, common words left alone, words used once.
import { readFileSync } from 'node:fs';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { findPeriods, Gazetteer, mergedPeriod, QueryInterpreter, searchBox } from '../../src/search/interpret/index.js';
import { ConceptScheme } from '../../src/thesaurus/index.js';
import { labelledQueries } from './interpretation-queries.js';
import { rates, scoreInterpretations } from './interpretation-score.js';

const schemes = ConceptScheme.allFromQuads(new Parser().parse(readFileSync(new URL('../../vocabularies/maillage-thesaurus.ttl', import.meta.url), 'utf8')), 'urn:test');
const interpreter = new QueryInterpreter(Gazetteer.load(), schemes);
const mt = 'https://w3id.org/maillage/thesaurus/';

describe('the interpreter on the labelled queries', () => {
  it('has 150 or more queries, in French and English', () => {
    expect(labelledQueries.length).toBeGreaterThanOrEqual(150);
    expect(labelledQueries.filter((l) => /\b(de|des|du|en|depuis|entre)\b/.test(l.q)).length).toBeGreaterThan(40);
    expect(labelledQueries.filter((l) => /\b(in|of|over|since|between|the)\b/.test(l.q)).length).toBeGreaterThan(20);
  });

  it('finds at least 0.85 of each part and gets at most 0.05 of what it finds wrong (floors under the measured 0.94/0.99/1.00 and 0.01/0.02/0.00)', () => {
    const score = scoreInterpretations(labelledQueries.map((labelled) => ({ labelled, found: interpreter.interpret(labelled.q) })), schemes[0]!);
    const theme = rates(score.theme);
    const place = rates(score.place);
    const period = rates(score.period);
    expect(theme.found).toBeGreaterThanOrEqual(0.85);
    expect(theme.wrong).toBeLessThanOrEqual(0.05);
    expect(place.found).toBeGreaterThanOrEqual(0.95);
    expect(place.wrong).toBeLessThanOrEqual(0.03);
    expect(period.found).toBeGreaterThanOrEqual(0.97);
    expect(period.wrong).toBeLessThanOrEqual(0.02);
  });
});

describe('reading one query', () => {
  it('reads theme, place and period in French, and leaves nothing to search as text', () => {
    const found = interpreter.interpret("températures de l'océan Austral depuis 2000");
    expect(found.themes.map((t) => t.iri)).toEqual([`${mt}ocean-temperature`]);
    expect(found.places.map((p) => [p.name, p.kind])).toEqual([['océan Austral', 'ocean']]);
    expect([found.temporalFrom, found.temporalTo]).toEqual(['2000-01-01', null]);
    expect(found.remainingText).toBe('');
  });

  it('reads them in English, and keeps the words it does not know as text', () => {
    const found = interpreter.interpret('aerosol measurements over Paris in 2019');
    expect(found.themes.map((t) => t.iri)).toEqual([`${mt}aerosols`]);
    expect(found.places[0]).toMatchObject({ name: 'Paris', kind: 'commune', country: 'FRA' });
    expect(found.places[0]!.alternatives).toBeGreaterThan(0);
    expect([found.temporalFrom, found.temporalTo]).toEqual(['2019-01-01', '2019-12-31']);
    expect(found.remainingText).toBe('measurements');
  });

  it('takes a common word for a word, not a town, unless the query places it', () => {
    expect(interpreter.interpret('nice ocean data').places).toEqual([]);
    expect(interpreter.interpret('inondations à Nice').places.map((p) => p.name)).toEqual(['Nice']);
    expect(interpreter.interpret('roast turkey recipes').places).toEqual([]);
  });

  it.each([
    ['entre 2010 et 2015', '2010-01-01', '2015-12-31'],
    ['1990-2000', '1990-01-01', '2000-12-31'],
    ['de 1950 à 2020', '1950-01-01', '2020-12-31'],
    ['avant 1980', null, '1979-12-31'],
    ["jusqu'en 2010", null, '2010-12-31'],
    ['années 1990', '1990-01-01', '1999-12-31'],
    ['since the 1980s', '1980-01-01', null],
    ['XIXe siècle', '1801-01-01', '1900-12-31'],
    ['juillet 2019', '2019-07-01', '2019-07-31'],
    ['the last 10 years', '2016-01-01', null],
  ])('reads the period "%s"', (text, from, to) => {
    expect(mergedPeriod(findPeriods(text, 2026))).toEqual({ from, to });
  });

  it('widens a box that crosses the antimeridian to every longitude for the search filter', () => {
    const pacific = interpreter.interpret('Pacifique Sud').places;
    expect(pacific[0]!.bbox[0]).toBeGreaterThan(pacific[0]!.bbox[2]);
    expect(searchBox(pacific)).toMatchObject({ west: -180, east: 180 });
  });
});
