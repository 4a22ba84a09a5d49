// Owns the catalogue's pages for people: / (to the language remembered, French by default), each
// page under /fr/... and /en/..., rendered on the server from the GraphQL schema, and the design
// system's assets. A bad parameter answers a page in the visitor's language, never a stack trace.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { getCookie, setCookie } from 'hono/cookie';
import { paths, type Lang, type PageName } from './i18n/index.js';
import { layout, type Html } from './layout.js';
import { hrefOf, pageContext, type MapSettings, type PageContext, type QueryRunner } from './page-context.js';
import { callerOf, type GraphqlRunner } from '../http/graphql/graphql-routes.js';
import type { PersonalSpace } from '../personal/index.js';
import { personalSpacePage } from './pages/personal-space-page.js';
import { collectionPage } from './pages/collection-page.js';
import { personalFormRoutes } from './personal-forms.js';
import { homePage } from './pages/home-page.js';
import { resourcePage } from './pages/resource-page.js';
import { searchPage } from './pages/search-page.js';
import { searchFeed } from './pages/search-feed.js';
import { themePage } from './pages/theme-page.js';
import { organisationPage } from './pages/organisation-page.js';
import { thesaurusPage } from './pages/thesaurus-page.js';
import { staticAssetRoutes } from './static-assets.js';
import { html } from 'hono/html';

export interface WebOptions {
  query: GraphqlRunner;
  iriBase: string;
  map?: MapSettings;
  personal: PersonalSpace;
  signInAvailable: boolean;
  openWith: Array<{ name: string; template: string }>;
}

type Rendered = { title: string; main: Html; head?: Html; query?: string; scripts?: string[] } | null;

export function webRoutes(options: WebOptions): Hono {
  const app = new Hono();
  app.route('/', staticAssetRoutes());
  // Pages are small (tens of kB) but compress ten to one.
  for (const lang of ['fr', 'en'] as const) app.use(`/${lang}/*`, compress());

  const render = async (c: Context, lang: Lang, name: PageName, build: (page: PageContext) => Promise<Rendered>) => {
    const url = new URL(c.req.url);
    // Pages differ per visitor once signed in: never kept by a shared cache.
    const caller = callerOf(options.personal, c.req.header('cookie'), null);
    const query: QueryRunner = (document, variables) => options.query(document, variables, caller);
    const page = pageContext(lang, url, options.iriBase, query, options.map, { session: caller.session, signInAvailable: options.signInAvailable });
    c.header('cache-control', 'private, no-cache');
    c.header('vary', 'Cookie, Accept-Encoding');
    const other: Lang = lang === 'fr' ? 'en' : 'fr';
    const otherLanguageHref = hrefOf(paths[name][other], Object.fromEntries(url.searchParams));
    // The language a visitor picks (by opening a page in it) is remembered for the next visit to /.
    if (getCookie(c, 'lang') !== lang) setCookie(c, 'lang', lang, { path: '/', sameSite: 'Lax', httpOnly: true, maxAge: 365 * 86_400 });
    const rendered = await build(page);
    const returnTo = `${url.pathname}${url.search}`;
    const account = {
      name: caller.session?.user.name ?? null,
      spaceHref: page.href('space'),
      signInHref: options.signInAvailable ? hrefOf('/auth/orcid', { return: returnTo }) : null,
      csrf: caller.session?.csrf ?? null,
      returnTo,
    };
    const shell = { lang, otherLanguageHref, searchAction: page.href('search'), homeHref: page.href('home'), account };
    if (!rendered) {
      return c.html(layout({ ...shell, title: page.t('notFound'), main: html`<h1>${page.t('notFound')}</h1><p>${page.t('notFoundText')}</p>` }), 404);
    }
    return c.html(layout({ ...shell, title: rendered.title, main: rendered.main, ...(rendered.head ? { head: rendered.head } : {}), ...(rendered.query ? { query: rendered.query } : {}), ...(rendered.scripts ? { scripts: rendered.scripts } : {}) }));
  };
  const iriParam = (c: Context) => (c.req.query('iri') ?? '').slice(0, 2000);

  for (const lang of ['fr', 'en'] as const) {
    app.get(paths.home[lang], (c) => render(c, lang, 'home', homePage));
    app.get(paths.home[lang].slice(0, -1), (c) => c.redirect(paths.home[lang], 301));
    app.get(paths.search[lang], (c) => render(c, lang, 'search', searchPage));
    app.get(`${paths.search[lang]}.atom`, async (c) => {
      const url = new URL(c.req.url);
      const origin = (c.get('publicOrigin') as string | undefined) ?? url.origin;
      const body = await searchFeed(pageContext(lang, url, options.iriBase, options.query), origin);
      return c.body(body, 200, { 'content-type': 'application/atom+xml; charset=utf-8' });
    });
    app.get(paths.resource[lang], (c) => render(c, lang, 'resource', (page) => resourcePage(page, iriParam(c))));
    app.get(paths.theme[lang], (c) => render(c, lang, 'theme', (page) => themePage(page, iriParam(c))));
    app.get(paths.organisation[lang], (c) => render(c, lang, 'organisation', (page) => organisationPage(page, iriParam(c))));
    app.get(paths.thesaurus[lang], (c) => render(c, lang, 'thesaurus', thesaurusPage));
    app.get(paths.space[lang], (c) => render(c, lang, 'space', personalSpacePage));
    app.get(paths.collection[lang], (c) => render(c, lang, 'collection', (page) => collectionPage(page, (c.req.query('id') ?? '').slice(0, 100), (c.req.query('partage') ?? c.req.query('share') ?? '').slice(0, 100), options.openWith)));
  }
  app.route('/', personalFormRoutes({ run: options.query, personal: options.personal }));
  app.get('/', (c) => {
    // Browsers get the catalogue in the language they chose before (French by default); other
    // clients asking for RDF or JSON at / get pointed to the APIs by the 404 they had before.
    if (!(c.req.header('accept') ?? '').includes('text/html')) return c.notFound();
    return c.redirect(getCookie(c, 'lang') === 'en' ? paths.home.en : paths.home.fr, 302);
  });
  return app;
}
