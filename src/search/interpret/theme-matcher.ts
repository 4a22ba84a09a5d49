// Owns finding the thesaurus concepts a query names: preferred and alternative labels, FR and EN,
// matched word by word with accents, case, function words ("de l'", "of the") and plural endings
// ignored, longest match first, in a word trie built once per set of loaded schemes.
import type { ConceptScheme } from '../../thesaurus/index.js';
import { foldName } from './gazetteer.js';

export interface QueryWord {
  /** The word as matched: folded, singular. */
  key: string;
  /** Folded only (accents, case): how place names are looked up. */
  folded: string;
  /** Character span in the query, end exclusive. */
  start: number;
  end: number;
  /** Written with a capital letter. */
  capitalised: boolean;
  /** A function word ("de", "the", "l'"): skipped inside labels, never searched alone. */
  functional: boolean;
}

export interface ThemeMatch {
  iri: string;
  scheme: ConceptScheme;
  /** Index of the first and one past the last word matched. */
  from: number;
  to: number;
}

const functionWords = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'et', 'a', 'au', 'aux', 'en', 'of', 'the', 'and', 'in', 'on', 'for', 'sur', 'dans', 'par', 'pour', 'un', 'une', 'an']);

/** A folded word's singular: French and English plural endings dropped (both sides alike). */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith('aux')) return `${word.slice(0, -3)}al`;
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && (word.endsWith('s') || word.endsWith('x')) && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

const letters = /[\p{L}\p{N}]+/gu;

/** The words of a text with their spans. */
export function wordsOf(text: string): QueryWord[] {
  return [...text.matchAll(letters)].map((m) => {
    const folded = foldName(m[0]);
    return { key: singular(folded), folded, start: m.index, end: m.index + m[0].length, capitalised: /^\p{Lu}/u.test(m[0]), functional: functionWords.has(foldName(m[0])) };
  });
}

interface Node {
  next: Map<string, Node>;
  ends: Array<{ iri: string; scheme: ConceptScheme }>;
}

export class ThemeMatcher {
  private readonly root: Node = { next: new Map(), ends: [] };

  constructor(schemes: readonly ConceptScheme[]) {
    for (const scheme of schemes) {
      for (const concept of scheme.concepts.values()) {
        if (concept.deprecated) continue;
        for (const label of [...Object.values(concept.prefLabel), ...Object.values(concept.altLabel)].flat()) {
          const keys = wordsOf(label).filter((w) => !w.functional).map((w) => w.key);
          if (keys.length === 0) continue;
          let node = this.root;
          for (const key of keys) {
            let next = node.next.get(key);
            if (!next) node.next.set(key, (next = { next: new Map(), ends: [] }));
            node = next;
          }
          if (!node.ends.some((e) => e.iri === concept.iri)) node.ends.push({ iri: concept.iri, scheme });
        }
      }
    }
  }

  /** Concepts the words name, longest first; a shorter match inside a longer one is dropped. */
  match(words: QueryWord[]): ThemeMatch[] {
    const content = words.map((w, i) => ({ w, i })).filter(({ w }) => !w.functional);
    const found: ThemeMatch[] = [];
    for (let a = 0; a < content.length; a += 1) {
      let node: Node | undefined = this.root;
      let best: ThemeMatch[] = [];
      for (let b = a; b < content.length && node; b += 1) {
        node = node.next.get(content[b]!.w.key);
        if (node?.ends.length) best = node.ends.map((e) => ({ ...e, from: content[a]!.i, to: content[b]!.i + 1 }));
      }
      found.push(...best);
    }
    return found.filter((m) => !found.some((o) => o !== m && o.from <= m.from && o.to >= m.to && o.to - o.from > m.to - m.from));
  }
}
