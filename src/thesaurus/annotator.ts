// Owns finding which concepts a text mentions, with positions: labels are cut into normalized
// words (accents and case ignored) and kept in a word trie, so one pass over the text finds every
// label, however many concepts there are.
import type { ConceptScheme } from './concept-scheme.js';
import { normalizeLabel } from './label-index.js';

export interface Mention {
  scheme: ConceptScheme;
  iri: string;
  /** 1-based, inclusive character positions in the text (OntoPortal's convention). */
  from: number;
  to: number;
  text: string;
  matchType: 'PREF' | 'SYN';
}

interface TrieNode {
  next: Map<string, TrieNode>;
  ends: Array<{ scheme: ConceptScheme; iri: string; matchType: 'PREF' | 'SYN' }>;
}

const word = /[\p{L}\p{N}]+/gu;
const newNode = (): TrieNode => ({ next: new Map(), ends: [] });

export class Annotator {
  private readonly root = newNode();

  add(scheme: ConceptScheme): void {
    for (const concept of scheme.concepts.values()) {
      for (const [matchType, labels] of [['PREF', concept.prefLabel], ['SYN', concept.altLabel]] as const) {
        for (const label of Object.values(labels).flat()) {
          const tokens = normalizeLabel(label).match(word);
          if (!tokens) continue;
          let node = this.root;
          for (const token of tokens) {
            let child = node.next.get(token);
            if (!child) node.next.set(token, (child = newNode()));
            node = child;
          }
          if (!node.ends.some((e) => e.scheme === scheme && e.iri === concept.iri && e.matchType === matchType)) node.ends.push({ scheme, iri: concept.iri, matchType });
        }
      }
    }
  }

  annotate(text: string, options: { schemes?: Set<string>; longestOnly?: boolean } = {}): Mention[] {
    const words = [...text.matchAll(word)].map((m) => ({ token: normalizeLabel(m[0]), start: m.index, end: m.index + m[0].length }));
    const mentions: Mention[] = [];
    for (let i = 0; i < words.length; i += 1) {
      let node: TrieNode | undefined = this.root;
      let found: Mention[] = [];
      for (let j = i; j < words.length && node; j += 1) {
        node = node.next.get(words[j]!.token);
        if (!node?.ends.length) continue;
        const span = { from: words[i]!.start + 1, to: words[j]!.end, text: text.slice(words[i]!.start, words[j]!.end) };
        const here = node.ends.filter((e) => !options.schemes || options.schemes.has(e.scheme.info.acronym)).map((e) => ({ ...e, ...span }));
        if (here.length === 0) continue;
        found = options.longestOnly ? here : [...found, ...here];
      }
      mentions.push(...found);
    }
    if (!options.longestOnly) return mentions;
    // Keep a mention only when no longer one covers it.
    return mentions.filter((m) => !mentions.some((o) => o !== m && o.from <= m.from && o.to >= m.to && o.to - o.from > m.to - m.from));
  }
}
