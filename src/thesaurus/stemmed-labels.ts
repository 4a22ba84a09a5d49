// Owns matching a free keyword to concept labels the way a curator reads them: case, accents,
// singular and plural (Snowball stems, French and English) and small words ("de", "and") do not
// matter. A keyword matches a label whole, or contains it: a label of several words anywhere in the
// keyword ("labour market flexibility" holds "labour market"), a one-word label only as the
// keyword's head, its last word in English ("colorectal neoplasms") or first in French
// ("maladies rares"), and only when it is a long word: "power law" does not read as Law.
import { queryTokens, wordsOf } from '../search/stemming.js';
import type { ConceptScheme } from './concept-scheme.js';

export interface LabelMatch {
  scheme: ConceptScheme;
  iri: string;
  matchType: 'prefLabel' | 'altLabel';
  /** Whole keyword, or a label found inside it. */
  extent: 'whole' | 'within';
}

const smallWords = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'et', 'en', 'a', 'au', 'aux', 'the', 'of', 'and', 'in', 'on', 'for', 'to', 's']);

/** A word's readings: folded as written, its French stem, its English stem. */
const readings = (word: string) => queryTokens(word);

/** The keys of a label or keyword: one per reading of its words (as written, French, English). */
function keysOf(text: string): string[][] {
  const words = wordsOf(text).filter((w) => !smallWords.has(w.toLowerCase()));
  if (words.length === 0) return [];
  const perWord = words.map(readings);
  return [0, 1, 2].map((i) => perWord.map((r) => r[Math.min(i, r.length - 1)]!));
}

export class StemmedLabels {
  private readonly whole = new Map<string, LabelMatch[]>();
  /** Labels of one word, by key: matched as a keyword's head only. */
  private readonly singleWords = new Map<string, LabelMatch[]>();
  /** Labels of several words, by their first word's key, with the rest to check. */
  private readonly phrases = new Map<string, Array<{ rest: string[]; match: LabelMatch }>>();

  add(scheme: ConceptScheme): void {
    for (const concept of scheme.concepts.values()) {
      if (concept.deprecated) continue;
      for (const [matchType, labels] of [['prefLabel', concept.prefLabel], ['altLabel', concept.altLabel]] as const) {
        for (const label of Object.values(labels).flat()) {
          for (const key of keysOf(label)) {
            const match: LabelMatch = { scheme, iri: concept.iri, matchType, extent: 'whole' };
            push(this.whole, key.join(' '), match);
            if (key.length === 1 && key[0]!.length >= 6) push(this.singleWords, key[0]!, { ...match, extent: 'within' });
            else if (key.length > 1) push(this.phrases, key[0]!, { rest: key.slice(1), match: { ...match, extent: 'within' } });
          }
        }
      }
    }
  }

  /** Concepts a keyword names whole, else the ones it contains; preferred labels first. */
  match(keyword: string): LabelMatch[] {
    const keys = keysOf(keyword);
    const whole = unique(keys.flatMap((key) => this.whole.get(key.join(' ')) ?? []));
    if (whole.length > 0) return whole;
    const within: LabelMatch[] = [];
    for (const key of keys) {
      for (let start = 0; start < key.length; start += 1) {
        for (const { rest, match } of this.phrases.get(key[start]!) ?? []) {
          if (rest.every((word, i) => key[start + 1 + i] === word)) within.push(match);
        }
      }
      if (key.length > 1) within.push(...(this.singleWords.get(key[key.length - 1]!) ?? []), ...(this.singleWords.get(key[0]!) ?? []));
    }
    return unique(within);
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function unique(matches: LabelMatch[]): LabelMatch[] {
  const seen = new Map<string, LabelMatch>();
  for (const m of matches) {
    const id = `${m.scheme.info.iri} ${m.iri}`;
    const kept = seen.get(id);
    if (!kept || (kept.matchType === 'altLabel' && m.matchType === 'prefLabel')) seen.set(id, m);
  }
  return [...seen.values()];
}
