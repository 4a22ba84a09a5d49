// Scores the query interpreter against the labelled queries: per part (theme, place, period), the
// share of expected parts found and the share of found parts that are wrong. A theme counts as
// right when it is the expected concept or a broader or narrower one of it.
import type { ConceptScheme } from '../../src/thesaurus/index.js';
import type { Interpretation } from '../../src/search/interpret/index.js';
import type { LabelledQuery } from './interpretation-queries.js';

export interface PartScore {
  expected: number;
  found: number;
  expectedFound: number;
  foundWrong: number;
}

export interface InterpretationScore {
  theme: PartScore;
  place: PartScore;
  period: PartScore;
  failures: Array<{ q: string; part: 'theme' | 'place' | 'period'; expected: string; found: string }>;
}

const thesaurus = 'https://w3id.org/maillage/thesaurus/';
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[-'’]/g, ' ').trim();
const empty = (): PartScore => ({ expected: 0, found: 0, expectedFound: 0, foundWrong: 0 });

export function scoreInterpretations(cases: Array<{ labelled: LabelledQuery; found: Interpretation }>, scheme: ConceptScheme): InterpretationScore {
  const score: InterpretationScore = { theme: empty(), place: empty(), period: empty(), failures: [] };
  const related = (a: string, b: string) => a === b || scheme.ancestors(a).includes(b) || scheme.ancestors(b).includes(a);
  for (const { labelled, found } of cases) {
    const expectedThemes = labelled.themes.map((t) => thesaurus + t);
    const foundThemes = found.themes.map((t) => t.iri);
    score.theme.expected += expectedThemes.length;
    score.theme.found += foundThemes.length;
    score.theme.expectedFound += expectedThemes.filter((e) => foundThemes.some((f) => related(e, f))).length;
    const wrongThemes = foundThemes.filter((f) => !expectedThemes.some((e) => related(e, f)));
    score.theme.foundWrong += wrongThemes.length;
    if (wrongThemes.length > 0 || expectedThemes.some((e) => !foundThemes.some((f) => related(e, f)))) {
      score.failures.push({ q: labelled.q, part: 'theme', expected: labelled.themes.join(', ') || '—', found: foundThemes.map((f) => f.slice(thesaurus.length)).join(', ') || '—' });
    }

    const names = new Set(labelled.places.map(fold));
    score.place.expected += labelled.places.length > 0 ? 1 : 0;
    score.place.found += found.places.length;
    const rightPlaces = found.places.filter((p) => names.has(fold(p.name)) || names.has(fold(p.text)));
    if (labelled.places.length > 0 && rightPlaces.length > 0) score.place.expectedFound += 1;
    score.place.foundWrong += found.places.length - rightPlaces.length;
    if (found.places.length !== rightPlaces.length || (labelled.places.length > 0 && rightPlaces.length === 0)) {
      score.failures.push({ q: labelled.q, part: 'place', expected: labelled.places[0] ?? '—', found: found.places.map((p) => `${p.name} (${p.kind})`).join(', ') || '—' });
    }

    const expectsPeriod = labelled.from !== null || labelled.to !== null;
    const foundPeriod = found.temporalFrom !== null || found.temporalTo !== null;
    const samePeriod = found.temporalFrom === labelled.from && found.temporalTo === labelled.to;
    score.period.expected += expectsPeriod ? 1 : 0;
    score.period.found += foundPeriod ? 1 : 0;
    if (expectsPeriod && samePeriod) score.period.expectedFound += 1;
    if (foundPeriod && !samePeriod) score.period.foundWrong += 1;
    if (expectsPeriod !== foundPeriod || (foundPeriod && !samePeriod)) {
      score.failures.push({ q: labelled.q, part: 'period', expected: expectsPeriod ? `${labelled.from ?? '…'}/${labelled.to ?? '…'}` : '—', found: foundPeriod ? `${found.temporalFrom ?? '…'}/${found.temporalTo ?? '…'}` : '—' });
    }
  }
  return score;
}

/** Share of expected parts found, and share of found parts that are wrong. */
export const rates = (part: PartScore) => ({ found: part.expected === 0 ? 1 : part.expectedFound / part.expected, wrong: part.found === 0 ? 0 : part.foundWrong / part.found });
