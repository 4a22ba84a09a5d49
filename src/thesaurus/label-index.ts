// Owns finding concepts by label: accent- and case-insensitive, French and English, preferred
// and alternative labels, whole label or word prefixes (autocomplete), ranked.
import type { ConceptScheme } from './concept-scheme.js';

export interface LabelHit {
  scheme: ConceptScheme;
  iri: string;
  /** The label that matched, as written. */
  label: string;
  lang: string;
  matchType: 'prefLabel' | 'synonym';
  score: number;
}

interface Entry {
  key: string;
  hit: Omit<LabelHit, 'score'>;
  /** Position of the matched word in the label (0 = the label starts with the query). */
  word: number;
}

/** Lower case, no accents, single spaces: "Qualité de l'Air" → "qualite de l'air". */
export function normalizeLabel(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[\s\u00a0]+/g, ' ').trim();
}

export class LabelIndex {
  /** Sorted by key, so a prefix is a binary search then a scan. */
  private entries: Entry[] = [];

  add(scheme: ConceptScheme): void {
    for (const concept of scheme.concepts.values()) {
      for (const [matchType, labels] of [['prefLabel', concept.prefLabel], ['synonym', concept.altLabel]] as const) {
        for (const [lang, values] of Object.entries(labels)) {
          for (const label of values) {
            const normalized = normalizeLabel(label);
            const words = normalized.split(/[ '’-]/);
            let offset = 0;
            words.forEach((word, position) => {
              if (word) this.entries.push({ key: normalized.slice(offset), hit: { scheme, iri: concept.iri, label, lang, matchType }, word: position });
              offset += word.length + 1;
            });
          }
        }
      }
    }
    this.entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  remove(scheme: ConceptScheme): void {
    this.entries = this.entries.filter((entry) => entry.hit.scheme !== scheme);
  }

  search(query: string, options: { exact?: boolean; schemes?: Set<string>; limit?: number } = {}): LabelHit[] {
    const q = normalizeLabel(query);
    if (!q) return [];
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.entries[mid]!.key < q) low = mid + 1;
      else high = mid;
    }
    const best = new Map<string, LabelHit>();
    for (let i = low; i < this.entries.length && this.entries[i]!.key.startsWith(q); i += 1) {
      const { key, hit, word } = this.entries[i]!;
      if (options.schemes && !options.schemes.has(hit.scheme.info.acronym)) continue;
      const whole = word === 0 && key === q;
      if (options.exact && !whole) continue;
      // Whole label first, then label prefix, then a later word's prefix; preferred before synonym.
      const score = (whole ? 100 : word === 0 ? 60 : 30) + (hit.matchType === 'prefLabel' ? 10 : 0) - Math.min(key.length - q.length, 9) / 10;
      const id = `${hit.scheme.info.acronym} ${hit.iri}`;
      const previous = best.get(id);
      if (!previous || previous.score < score) best.set(id, { ...hit, score });
    }
    return [...best.values()].sort((a, b) => b.score - a.score || a.label.localeCompare(b.label)).slice(0, options.limit ?? 50);
  }
}
