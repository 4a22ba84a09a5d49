// Every word of the pages exists in both languages, and no message is left empty or untranslated
// by mistake (a message equal in both is allowed only where the word is the same).
import { describe, expect, it } from 'vitest';
import { catalogues, translate } from '../../src/web/index.js';

/** Words spelt the same in French and English. */
const sameInBoth = new Set(['description', 'licence', 'kind_service', 'kind_organisation', 'kind_publication', 'fair_A', 'linked_service', 'facet_licence', 'sort_year', 'periodRange', 'figureOrganisations', 'linked_organisation', 'pageOf', 'facet_organisation', 'tab_description', 'tab_publications', 'organisations', 'notation', 'menu', 'collectionDescription', 'tab_questions']);

describe('the pages’ words', () => {
  it('has every key in French and in English, none empty', () => {
    const fr = Object.keys(catalogues.fr).sort();
    const en = Object.keys(catalogues.en).sort();
    expect(en).toEqual(fr);
    expect(fr.length).toBeGreaterThan(80);
    for (const lang of ['fr', 'en'] as const) for (const [key, text] of Object.entries(catalogues[lang])) expect(text.trim(), `${lang}.${key}`).not.toBe('');
  });

  it('translates every message that is not the same word in both languages', () => {
    const untranslated = Object.keys(catalogues.fr).filter((key) => catalogues.fr[key as keyof typeof catalogues.fr] === catalogues.en[key as keyof typeof catalogues.en] && !sameInBoth.has(key));
    expect(untranslated).toEqual([]);
  });

  it('fills placeholders with the values given', () => {
    expect(translate('fr', 'resultsCount', { n: '1 204' })).toBe('1 204 résultats');
    expect(translate('en', 'chipPlace', { label: 'Brest' })).toBe('Place: Brest');
  });
});
