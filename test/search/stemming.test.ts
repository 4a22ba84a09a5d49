// The words the text index keeps: folded, then Snowball-stemmed in the literal's language (both
// readings when it has none), and what a query word may match.
import { describe, expect, it } from 'vitest';
import { indexedText, queryPhrases, queryTokens, stemLanguageOf } from '../../src/search/stemming.js';

describe('stemming for the text index', () => {
  it('gives inflections of a French word one stem, with or without accents', () => {
    expect(indexedText('Données climatiques contrôlées', 'fr')).toBe(indexedText('donnee climatique controlees', 'fr'));
    expect(indexedText('Océans', 'fr')).toBe(indexedText('ocean', 'fr'));
    expect(indexedText('Measurements of clouds', 'en')).toBe(indexedText('measurement of cloud', 'en'));
  });

  it('keeps both readings of an untagged text, each on its own line', () => {
    const text = indexedText('Glaciers alpins', null);
    expect(text.split(' \n ')).toEqual([indexedText('Glaciers alpins', 'fr'), indexedText('Glaciers alpins', 'en')]);
  });

  it('lets a query word match as written or through either stem', () => {
    expect(queryTokens('Données')).toEqual(expect.arrayContaining(['donnees', indexedText('données', 'fr')]));
    expect(queryPhrases("Qualité de l'air")).toContain(indexedText("qualité de l'air", 'fr'));
  });

  it('reads the language from a BCP 47 tag', () => {
    expect(stemLanguageOf('fr-FR')).toBe('fr');
    expect(stemLanguageOf('EN')).toBe('en');
    expect(stemLanguageOf('de')).toBeNull();
  });
});
