// Owns reading a plain-words query ("températures de l'océan Austral depuis 2000", "aerosol
// measurements over Paris in 2019") into the parts a search can filter on: thesaurus themes, places
// with a bounding box, a period, and the words left to search as text. Periods are read first,
// then places (longest name first), then themes; each word is used once.
import type { ConceptScheme } from '../../thesaurus/index.js';
import { Gazetteer, type BBox, type GazetteerPlace } from './gazetteer.js';
import { findPeriods, mergedPeriod } from './periods.js';
import { ThemeMatcher, wordsOf, type QueryWord } from './theme-matcher.js';

export interface InterpretedTheme {
  iri: string;
  scheme: ConceptScheme;
  text: string;
}

export interface InterpretedPlace {
  name: string;
  kind: GazetteerPlace['kind'];
  country: string | null;
  bbox: BBox;
  text: string;
  /** Other places the same name may mean (the most likely was chosen: France first, then population). */
  alternatives: number;
}

export interface Interpretation {
  themes: InterpretedTheme[];
  places: InterpretedPlace[];
  temporalFrom: string | null;
  temporalTo: string | null;
  /** The words of each period read ("depuis 2000"), so a front-end can take them out of the query. */
  periodTexts: string[];
  remainingText: string;
}

/** Words before a place name that say it is one ("en Guyane", "over Paris"). */
const locatives = new Set(['en', 'au', 'aux', 'a', 'dans', 'sur', 'pres', 'autour', 'vers', 'in', 'over', 'near', 'around', 'across', 'at', 'within', 'off', 'of', 'de', 'du', 'des', 'd', 'l', 'la', 'le', 'from']);
/** Words that say nothing to a catalogue search once the rest is understood. */
const fillers = new Set(['donnee', 'data', 'dataset', 'jeu', 'information', 'depui', 'since', 'entre', 'between', 'avant', 'before', 'apre', 'after', 'until', 'jusqu', 'from', 'to', 'over', 'near', 'around', 'across', 'at', 'with', 'avec', 'pendant', 'during', 'annee', 'year', 'partir', 'about', 'sur', 'dans', 'pre', 'autour']);
/** Kinds of place whose single-word names are also common words: named only when written with a capital or after a locative. */
const shyKinds = new Set<GazetteerPlace['kind']>(['commune', 'city', 'range', 'basin', 'region', 'coast', 'departement']);
/** Country names that are also common English words. */
const shyCountries = new Set(['turkey', 'chad', 'guinea', 'jordan', 'georgia', 'china', 'niger', 'japan', 'chile', 'panama', 'cuba', 'malta', 'jersey', 'man', 'island', 'norge', 'suomi']);

// A commune before the département of the same name (Paris); its box is the town's.
const kindOrder: Array<GazetteerPlace['kind']> = ['ocean', 'sea', 'polar', 'continent', 'range', 'basin', 'island', 'coast', 'country', 'region', 'commune', 'departement', 'city'];

/** The most likely place a name means: seas and ranges, then countries, French régions and départements, then towns by population (French ones first). */
function mostLikely(places: GazetteerPlace[]): GazetteerPlace {
  return [...places].sort((a, b) => {
    const town = (p: GazetteerPlace) => p.kind === 'commune' || p.kind === 'city';
    if (town(a) && town(b)) return Number(b.country === 'FRA') - Number(a.country === 'FRA') || b.population - a.population;
    return kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind);
  })[0]!;
}

/** Whether the words may stand for this place here (a common word is not a town unless the query says so). */
function plausible(place: GazetteerPlace, words: QueryWord[], from: number, to: number): boolean {
  const span = words.slice(from, to);
  const afterLocative = from > 0 && locatives.has(words[from - 1]!.folded);
  const capitalised = span.some((w) => w.capitalised);
  if (span.length > 1) return true;
  if (place.kind === 'country') return !shyCountries.has(span[0]!.folded) || capitalised || afterLocative;
  if (!shyKinds.has(place.kind)) return capitalised || afterLocative || span[0]!.folded.length > 5;
  if (place.kind === 'commune' || place.kind === 'city') {
    if (afterLocative) return capitalised || place.population >= 20_000;
    return capitalised ? place.population >= 20_000 : place.population >= 500_000;
  }
  return capitalised || afterLocative;
}

export class QueryInterpreter {
  private matcher: ThemeMatcher;
  private matcherFor: readonly ConceptScheme[];

  constructor(
    private readonly gazetteer: Gazetteer,
    schemes: readonly ConceptScheme[],
  ) {
    this.matcher = new ThemeMatcher(schemes);
    this.matcherFor = schemes;
  }

  /** Rebuilds the theme words when the loaded schemes changed (an edit replaces a scheme object). */
  useSchemes(schemes: readonly ConceptScheme[]): void {
    if (schemes.length === this.matcherFor.length && schemes.every((s, i) => s === this.matcherFor[i])) return;
    this.matcher = new ThemeMatcher(schemes);
    this.matcherFor = schemes;
  }

  interpret(query: string): Interpretation {
    const periods = findPeriods(query);
    const words = wordsOf(query).filter((w) => !periods.some((p) => w.start >= p.start && w.end <= p.end));
    const used = new Array<boolean>(words.length).fill(false);

    const places: InterpretedPlace[] = [];
    for (let a = 0; a < words.length; a += 1) {
      for (let b = Math.min(words.length, a + this.gazetteer.longestName); b > a; b -= 1) {
        if (words[a]!.functional && b === a + 1) break;
        const candidates = this.gazetteer.lookup(words.slice(a, b).map((w) => w.folded).join(' '));
        if (candidates.length === 0) continue;
        const possible = candidates.filter((p) => plausible(p, words, a, b));
        if (possible.length === 0) continue;
        const place = mostLikely(possible);
        places.push({ name: place.label, kind: place.kind, country: place.country, bbox: place.bbox, text: query.slice(words[a]!.start, words[b - 1]!.end), alternatives: candidates.length - 1 });
        used.fill(true, a, b);
        a = b - 1;
        break;
      }
    }

    // A theme wholly inside a place's name ("Océans" in "océan Austral") is the place, not a theme.
    const themes: InterpretedTheme[] = [];
    for (const match of this.matcher.match(words)) {
      if (used.slice(match.from, match.to).every(Boolean)) continue;
      if (themes.some((t) => t.iri === match.iri)) continue;
      themes.push({ iri: match.iri, scheme: match.scheme, text: query.slice(words[match.from]!.start, words[match.to - 1]!.end) });
      used.fill(true, match.from, match.to);
    }

    const period = mergedPeriod(periods);
    const remaining = words.filter((w, i) => !used[i] && !w.functional && !fillers.has(w.key) && !locatives.has(w.folded));
    return {
      themes,
      places,
      temporalFrom: period?.from ?? null,
      temporalTo: period?.to ?? null,
      periodTexts: periods.map((p) => query.slice(p.start, p.end)),
      remainingText: remaining.map((w) => query.slice(w.start, w.end)).join(' '),
    };
  }
}

/** One box for a search filter: the union of the places' boxes, all longitudes when one crosses the antimeridian. */
export function searchBox(places: InterpretedPlace[]): { west: number; south: number; east: number; north: number } | null {
  if (places.length === 0) return null;
  const crosses = places.some((p) => p.bbox[0] > p.bbox[2]);
  return {
    west: crosses ? -180 : Math.min(...places.map((p) => p.bbox[0])),
    south: Math.min(...places.map((p) => p.bbox[1])),
    east: crosses ? 180 : Math.max(...places.map((p) => p.bbox[2])),
    north: Math.max(...places.map((p) => p.bbox[3])),
  };
}
