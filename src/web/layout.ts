// Owns the shell of every page: the DSFR header (with the search box and the language switch),
// the main content, the footer; assets served from the package (no CDN), no script needed to use it.
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { translate, type Lang, type MessageKey } from './i18n/index.js';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageShell {
  lang: Lang;
  title: string;
  /** The same page in the other language (path and query). */
  otherLanguageHref: string;
  /** The search box's current text. */
  query?: string;
  searchAction: string;
  homeHref: string;
  /** The visitor's account links: their space and sign-out when signed in, else sign-in. */
  account?: { name: string | null; spaceHref: string; signInHref: string | null; csrf: string | null; returnTo: string };
  /** The page's own scripts (progressive enhancement), served from the package. */
  scripts?: string[];
  /** Extra <head> content (schema.org JSON-LD...). */
  head?: Html;
  main: Html;
}

export function layout(page: PageShell): Html {
  const t = (key: MessageKey, values?: Record<string, string | number>) => translate(page.lang, key, values);
  const other: Lang = page.lang === 'fr' ? 'en' : 'fr';
  return html`<!doctype html>
<html lang="${page.lang}" data-fr-scheme="light">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${page.title} — ${t('siteName')}</title>
    <link rel="stylesheet" href="/static/dsfr/dsfr.min.css" />
    <link rel="stylesheet" href="/static/dsfr/utility/icons/icons.min.css" />
    <link rel="stylesheet" href="/static/web/catalogue.css" />
    <link rel="alternate" hreflang="${other}" href="${page.otherLanguageHref}" />
    ${page.head ?? ''}
  </head>
  <body>
    <div class="fr-skiplinks"><nav class="fr-container" role="navigation" aria-label="${t('skipToContent')}"><ul class="fr-skiplinks__list"><li><a class="fr-link" href="#contenu">${t('skipToContent')}</a></li></ul></nav></div>
    <header role="banner" class="fr-header">
      <div class="fr-header__body"><div class="fr-container"><div class="fr-header__body-row">
        <div class="fr-header__brand fr-enlarge-link">
          <div class="fr-header__brand-top">
            <div class="fr-header__logo"><p class="fr-logo">${raw(t('republic'))}</p></div>
            <div class="fr-header__navbar">
              <button class="fr-btn--search fr-btn" data-fr-opened="false" aria-controls="header-search" id="header-search-button" title="${t('searchButton')}">${t('searchButton')}</button>
              <button class="fr-btn--menu fr-btn" data-fr-opened="false" aria-controls="header-menu" aria-haspopup="menu" id="header-menu-button" title="${t('menu')}">${t('menu')}</button>
            </div>
          </div>
          <div class="fr-header__service">
            <a href="${page.homeHref}" title="${t('home')} — ${t('siteName')}"><p class="fr-header__service-title">${t('siteName')}</p></a>
            <p class="fr-header__service-tagline">${t('siteTagline')}</p>
          </div>
        </div>
        <div class="fr-header__tools">
          <div class="fr-header__tools-links"><ul class="fr-btns-group">
            ${page.account?.name
              ? html`<li><a class="fr-btn fr-icon-account-circle-line fr-btn--icon-left" href="${page.account.spaceHref}">${t('personalSpace')}</a></li>
                  <li><form action="/auth/sign-out" method="post"><input type="hidden" name="csrf" value="${page.account.csrf}" /><input type="hidden" name="return" value="${page.homeHref}" /><button class="fr-btn fr-icon-logout-box-r-line fr-btn--icon-left" type="submit">${t('signOut')}</button></form></li>`
              : page.account?.signInHref
                ? html`<li><a class="fr-btn fr-icon-lock-line fr-btn--icon-left" href="${page.account.signInHref}">${t('signIn')}</a></li>`
                : ''}
            <li><a class="fr-btn fr-icon-translate-2-line fr-btn--icon-left" href="${page.otherLanguageHref}" hreflang="${other}" lang="${other}" title="${t('otherLanguageLabel')}">${t('otherLanguage')}</a></li>
          </ul></div>
          <div class="fr-header__search fr-modal" id="header-search">
            <div class="fr-container fr-container-lg--fluid">
            <button class="fr-btn--close fr-btn" aria-controls="header-search" title="${t('close')}">${t('close')}</button>
            <form action="${page.searchAction}" method="get" role="search">
              <div class="fr-search-bar" id="header-search-bar">
                <label class="fr-label" for="header-search-input">${t('searchLabel')}</label>
                <input class="fr-input" placeholder="${t('searchPlaceholder')}" type="search" id="header-search-input" name="q" value="${page.query ?? ''}" maxlength="500" list="search-suggestions" autocomplete="off" />
                <button class="fr-btn" type="submit" title="${t('searchButton')}">${t('searchButton')}</button>
              </div>
            </form>
            </div>
          </div>
        </div>
      </div></div></div>
      <div class="fr-header__menu fr-modal" id="header-menu" aria-labelledby="header-menu-button">
        <div class="fr-container">
          <button class="fr-btn--close fr-btn" aria-controls="header-menu" title="${t('close')}">${t('close')}</button>
          <div class="fr-header__menu-links"></div>
        </div>
      </div>
    </header>
    <main role="main" id="contenu" class="fr-container fr-py-4w">${page.main}</main>
    <footer class="fr-footer" role="contentinfo" id="footer">
      <div class="fr-container"><div class="fr-footer__body">
        <div class="fr-footer__brand fr-enlarge-link"><a href="${page.homeHref}" title="${t('home')}"><p class="fr-logo">${raw(t('republic'))}</p></a></div>
        <div class="fr-footer__content">
          <p class="fr-footer__content-desc">${t('footerText')}</p>
          <ul class="fr-footer__content-list">
            <li class="fr-footer__content-item"><a class="fr-footer__content-link" href="/${page.lang}/thesaurus">${t('thesaurusHeading')}</a></li>
            <li class="fr-footer__content-item"><a class="fr-footer__content-link" href="/graphql">GraphQL</a></li>
            <li class="fr-footer__content-item"><a class="fr-footer__content-link" href="/sparql">SPARQL</a></li>
            <li class="fr-footer__content-item"><a class="fr-footer__content-link" href="/catalog">DCAT-AP</a></li>
            <li class="fr-footer__content-item"><a class="fr-footer__content-link" href="/oai?verb=Identify">OAI-PMH</a></li>
          </ul>
        </div>
      </div></div>
    </footer>
    <datalist id="search-suggestions"></datalist>
    <script type="module" src="/static/dsfr/dsfr.module.min.js"></script>
    <script type="module" src="/static/web/autocomplete.js"></script>
    ${page.scripts?.map((src) => html`<script type="module" src="${src}"></script>`) ?? ''}
  </body>
</html>`;
}
