// Owns what every page gets: its language and words, the URL it answers, the catalogue's IRI base,
// and the way to ask the GraphQL schema (in process) for what it shows.
import { paths, translate, type Lang, type MessageKey, type PageName } from './i18n/index.js';
import type { Session } from '../personal/index.js';

/** The map's background: the bundled world outline, or a deployment's XYZ tile server. */
export interface MapSettings {
  tileUrl?: string;
  tileAttribution: string;
}

export type QueryRunner = <T>(document: string, variables?: Record<string, unknown>) => Promise<T>;

export interface PageContext {
  lang: Lang;
  url: URL;
  iriBase: string;
  query: QueryRunner;
  map: MapSettings;
  /** The visitor's session (signed in with ORCID), or null. */
  session: Session | null;
  /** Whether this deployment can sign people in (an ORCID client is configured). */
  signInAvailable: boolean;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  /** A page's path in this language, with query parameters. */
  href: (page: PageName, params?: Record<string, string | string[] | undefined>) => string;
}

export function pageContext(
  lang: Lang,
  url: URL,
  iriBase: string,
  query: QueryRunner,
  map: MapSettings = { tileAttribution: '' },
  visitor: { session: Session | null; signInAvailable: boolean } = { session: null, signInAvailable: false },
): PageContext {
  return {
    lang,
    url,
    iriBase,
    query,
    map,
    ...visitor,
    t: (key, values) => translate(lang, key, values),
    href: (page, params = {}) => hrefOf(paths[page][lang], params),
  };
}

export function hrefOf(pathname: string, params: Record<string, string | string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) search.append(name, v);
  const text = search.toString();
  return text ? `${pathname}?${text}` : pathname;
}
