// Owns the words the text index keeps and looks up: case and accents folded, then reduced to their
// Snowball stem (https://snowballstem.org) in French or English. SQLite's FTS5 stems English only,
// so texts are stemmed here (in the derive workers) and FTS5 only folds what it is given.
// Folding before stemming makes "données" and "donnees" one stem, so search stays accent-blind.
import snowball from 'snowball-stemmers';

const stemmers = { fr: snowball.newStemmer('french'), en: snowball.newStemmer('english') };
export type StemLanguage = keyof typeof stemmers;

const wordPattern = /[\p{L}\p{N}]+/gu;

export function wordsOf(text: string): string[] {
  return text.normalize('NFKC').match(wordPattern) ?? [];
}

export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The language a literal's tag names, when it is one we stem. */
export function stemLanguageOf(tag: string): StemLanguage | null {
  const primary = tag.toLowerCase().split('-')[0];
  return primary === 'fr' || primary === 'en' ? primary : null;
}

// Catalogue texts repeat their words (titles, descriptions, keywords of alike records): each word's
// stem is remembered, per language, up to a bound (a fresh map when it fills).
const remembered = { fr: new Map<string, string>(), en: new Map<string, string>() };

function stemOf(word: string, language: StemLanguage): string {
  const known = remembered[language];
  let stem = known.get(word);
  if (stem === undefined) {
    if (known.size >= 50_000) known.clear();
    known.set(word, (stem = stemmers[language].stem(foldWord(word))));
  }
  return stem;
}

function stemmed(words: readonly string[], language: StemLanguage): string {
  return words.map((w) => stemOf(w, language)).join(' ');
}

/**
 * A text as the index keeps it: stemmed in its language, or, untagged, once in each (an untagged
 * title is found from either language; the two readings are separate lines, so phrases hold).
 */
export function indexedText(text: string, language: StemLanguage | null): string {
  const words = wordsOf(text);
  if (words.length === 0) return '';
  if (language) return stemmed(words, language);
  const fr = stemmed(words, 'fr');
  const en = stemmed(words, 'en');
  return fr === en ? fr : `${fr} \n ${en}`;
}

/** The tokens one word of a query may match: as written (names are kept so), and its two stems. */
export function queryTokens(word: string): string[] {
  const folded = foldWord(word);
  return [...new Set([folded, stemmers.fr.stem(folded), stemmers.en.stem(folded)])];
}

/** The phrases a label may appear as in indexed text: stemmed in French, in English, and as written. */
export function queryPhrases(label: string): string[] {
  const words = wordsOf(label);
  if (words.length === 0) return [];
  return [...new Set([stemmed(words, 'fr'), stemmed(words, 'en'), words.map(foldWord).join(' ')])];
}
