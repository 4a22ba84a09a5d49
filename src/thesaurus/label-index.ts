// Owns finding concepts by label: accent- and case-insensitive, French and English, preferred
// and alternative labels, whole label or word prefixes (autocomplete). Labels are kept sorted, so
// a prefix is two binary searches, and a page of suggestions reads only as many entries as it shows.
import type { ConceptScheme } from './concept-scheme.js';

export interface LabelHit {
  scheme: ConceptScheme;
  iri: string;
  /** The label that matched, as written. */
  label: string;
  lang: string;
  matchType: 'prefLabel' | 'synonym';
}

export interface LabelSearchResult {
  hits: LabelHit[];
  /** Concepts that match: exact when every match was read (fewer than the limit), else the number of matching labels. */
  total: number;
}

interface Entry {
  key: string;
  hit: LabelHit;
}

/** Lower case, no accents, single spaces: "Qualité de l'Air" → "qualite de l'air". */
export function normalizeLabel(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[\s\u00a0]+/g, ' ').trim();
}

const byKey = (a: Entry, b: Entry): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** First index whose key is not below `key`. */
function lowerBound(entries: Entry[], key: string): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (entries[mid]!.key < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

export class LabelIndex {
  /** Whole labels, preferred before synonyms at equal keys. */
  private labelStarts: Entry[] = [];
  /** The rest of a label from each later word on ("qualite de l'air" → "air", "de l'air"). */
  private wordStarts: Entry[] = [];

  add(scheme: ConceptScheme): void {
    for (const concept of scheme.concepts.values()) {
      for (const [matchType, labels] of [['prefLabel', concept.prefLabel], ['synonym', concept.altLabel]] as const) {
        for (const [lang, values] of Object.entries(labels)) {
          for (const label of values) {
            const normalized = normalizeLabel(label);
            const hit: LabelHit = { scheme, iri: concept.iri, label, lang, matchType };
            this.labelStarts.push({ key: normalized, hit });
            for (const match of normalized.matchAll(/[ '’-]+(?=\S)/g)) this.wordStarts.push({ key: normalized.slice(match.index + match[0].length), hit });
          }
        }
      }
    }
    const preferredFirst = (a: Entry, b: Entry) => byKey(a, b) || (a.hit.matchType === b.hit.matchType ? 0 : a.hit.matchType === 'prefLabel' ? -1 : 1);
    this.labelStarts.sort(preferredFirst);
    this.wordStarts.sort(preferredFirst);
  }

  /**
   * Whole-label matches first, then labels that start with the query, then labels with a later
   * word that does; alphabetical within each. Stops once `limit` concepts are found.
   */
  search(query: string, options: { exact?: boolean; schemes?: Set<string>; limit?: number } = {}): LabelSearchResult {
    const q = normalizeLabel(query);
    if (!q) return { hits: [], total: 0 };
    const limit = options.limit ?? 50;
    const seen = new Set<string>();
    const hits: LabelHit[] = [];
    const take = (entries: Entry[], from: number, to: number): void => {
      for (let i = from; i < to && hits.length < limit; i += 1) {
        const { hit } = entries[i]!;
        if (options.schemes && !options.schemes.has(hit.scheme.info.acronym)) continue;
        const id = `${hit.scheme.info.acronym} ${hit.iri}`;
        if (seen.has(id)) continue;
        seen.add(id);
        hits.push(hit);
      }
    };
    // The range of keys starting with q: from q up to the first key past every q-prefixed one.
    const end = `${q}\uffff`;
    const labelFrom = lowerBound(this.labelStarts, q);
    const labelTo = lowerBound(this.labelStarts, end);
    // Keys equal to q sort first in the range ("\u0000" is below any character that may follow q),
    // so whole-label matches are a range too: no pass over every q-prefixed label.
    const exactTo = lowerBound(this.labelStarts, `${q}\u0000`);
    if (options.exact) {
      take(this.labelStarts, labelFrom, exactTo);
      return { hits, total: hits.length };
    }
    const wordFrom = lowerBound(this.wordStarts, q);
    const wordTo = lowerBound(this.wordStarts, end);
    take(this.labelStarts, labelFrom, exactTo);
    take(this.labelStarts, exactTo, labelTo);
    take(this.wordStarts, wordFrom, wordTo);
    return { hits, total: hits.length < limit ? hits.length : labelTo - labelFrom + (wordTo - wordFrom) };
  }
}
