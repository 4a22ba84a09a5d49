// Owns the pages' languages: French by default, English on a switch; each page has its URL in both
// (/fr/recherche and /en/search), and the choice is remembered in a cookie.
import { en } from './en.js';
import { fr, type MessageKey } from './fr.js';

export type Lang = 'fr' | 'en';
export const languages: readonly Lang[] = ['fr', 'en'];
export const catalogues: Record<Lang, Record<MessageKey, string>> = { fr, en };
export type { MessageKey };

/** The message in the language, with {name} placeholders filled in (values are text, escaped by the page). */
export function translate(lang: Lang, key: MessageKey, values: Record<string, string | number> = {}): string {
  return catalogues[lang][key].replace(/\{(\w+)\}/g, (_m, name: string) => String(values[name] ?? ''));
}

/** Page paths in each language. */
export const paths = {
  home: { fr: '/fr/', en: '/en/' },
  search: { fr: '/fr/recherche', en: '/en/search' },
  resource: { fr: '/fr/ressource', en: '/en/resource' },
  theme: { fr: '/fr/theme', en: '/en/theme' },
  organisation: { fr: '/fr/organisation', en: '/en/organisation' },
  thesaurus: { fr: '/fr/thesaurus', en: '/en/thesaurus' },
  space: { fr: '/fr/espace', en: '/en/space' },
  collection: { fr: '/fr/collection', en: '/en/collection' },
} as const;
export type PageName = keyof typeof paths;
