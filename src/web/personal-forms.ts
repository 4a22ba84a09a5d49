// Owns the personal space's forms (POST /fr/espace/{action}, /en/space/{action}): each checks the
// session's CSRF token sent in the form, runs the matching GraphQL mutation as the signed-in user,
// and goes back to the page it came from (303). A refusal (signed out, not allowed, too long, too
// many questions) answers a page saying why, with its HTTP status.
import { Hono, type Context } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { callerOf, sessionCookie, type GraphqlRunner } from '../http/graphql/graphql-routes.js';
import { localPath } from '../http/personal/sign-in-routes.js';
import type { PersonalSpace } from '../personal/index.js';
import { paths, translate, type Lang } from './i18n/index.js';
import { layout } from './layout.js';

type Form = Record<string, string>;
type Action = (form: Form, lang: Lang) => { document: string; variables: Record<string, unknown>; next: (data: Record<string, any>) => string }; // eslint-disable-line @typescript-eslint/no-explicit-any

const flag = (value: string | undefined) => value === 'on' || value === 'true';
const back = (form: Form, fallback: string) => localPath(form.return, fallback);

const actions: Record<string, Action> = {
  profile: (f, lang) => ({ document: 'mutation($e: String, $l: Lang) { updateProfile(email: $e, lang: $l) { orcid } }', variables: { e: f.email ?? '', l: f.lang === 'en' ? 'en' : 'fr' }, next: () => paths.space[lang] }),
  'collection-create': (f, lang) => ({
    document: 'mutation($t: String!, $d: String, $o: Boolean) { createCollection(title: $t, description: $d, official: $o) { id } }',
    variables: { t: f.title ?? '', d: f.description ?? '', o: flag(f.official) },
    next: (data) => `${paths.collection[lang]}?id=${encodeURIComponent(data.createCollection.id)}`,
  }),
  'collection-update': (f, lang) => ({
    document: 'mutation($id: ID!, $t: String, $d: String, $v: Visibility) { updateCollection(id: $id, title: $t, description: $d, visibility: $v) { id } }',
    variables: { id: f.id, t: f.title ?? null, d: f.description ?? null, v: ['private', 'link', 'public'].includes(f.visibility ?? '') ? f.visibility : null },
    next: () => `${paths.collection[lang]}?id=${encodeURIComponent(f.id ?? '')}`,
  }),
  'collection-renew': (f, lang) => ({ document: 'mutation($id: ID!) { renewShareLink(id: $id) { id } }', variables: { id: f.id }, next: () => `${paths.collection[lang]}?id=${encodeURIComponent(f.id ?? '')}` }),
  'collection-delete': (f, lang) => ({ document: 'mutation($id: ID!) { deleteCollection(id: $id) }', variables: { id: f.id }, next: () => paths.space[lang] }),
  'collection-add': (f, lang) => ({ document: 'mutation($id: ID!, $r: String!) { addToCollection(id: $id, resource: $r) { id } }', variables: { id: f.id, r: f.resource }, next: () => back(f, paths.space[lang]) }),
  'collection-remove': (f, lang) => ({ document: 'mutation($id: ID!, $r: String!) { removeFromCollection(id: $id, resource: $r) { id } }', variables: { id: f.id, r: f.resource }, next: () => back(f, paths.space[lang]) }),
  'search-save': (f, lang) => ({
    document: 'mutation($n: String!, $q: String!, $f: AlertFrequency) { saveSearch(name: $n, query: $q, frequency: $f) { id } }',
    variables: { n: f.name ?? '', q: f.query ?? '', f: ['none', 'immediate', 'daily', 'weekly'].includes(f.frequency ?? '') ? f.frequency : 'none' },
    next: () => paths.space[lang],
  }),
  'search-update': (f, lang) => ({
    document: 'mutation($id: ID!, $n: String, $f: AlertFrequency) { updateSavedSearch(id: $id, name: $n, frequency: $f) { id } }',
    variables: { id: f.id, n: f.name ?? null, f: ['none', 'immediate', 'daily', 'weekly'].includes(f.frequency ?? '') ? f.frequency : null },
    next: () => paths.space[lang],
  }),
  // Opening a saved search from the space counts as a visit: what is new is counted from then on.
  'search-open': (f, lang) => ({ document: 'mutation($id: ID!) { markSearchVisited(id: $id) { query } }', variables: { id: f.id }, next: (data) => `${paths.search[lang]}?${data.markSearchVisited.query}` }),
  'search-delete': (f, lang) => ({ document: 'mutation($id: ID!) { deleteSavedSearch(id: $id) }', variables: { id: f.id }, next: () => paths.space[lang] }),
  'question-ask': (f, lang) => ({ document: 'mutation($r: String!, $t: String!) { askQuestion(resource: $r, text: $t) { id } }', variables: { r: f.resource, t: f.text ?? '' }, next: () => back(f, paths.home[lang]) }),
  'question-moderate': (f, lang) => ({
    document: 'mutation($id: ID!, $a: String, $h: Boolean, $f: Boolean) { moderateQuestion(id: $id, answer: $a, hidden: $h, frequent: $f) { id } }',
    variables: { id: f.id, a: f.answer ?? null, h: flag(f.hidden), f: flag(f.frequent) },
    next: () => back(f, paths.home[lang]),
  }),
  'account-delete': (_f, lang) => ({ document: 'mutation { deleteMyAccount }', variables: {}, next: () => paths.home[lang] }),
};

/** The forms' actions, for the authorisation tests that must cover every one. */
export const personalFormActions: readonly string[] = Object.keys(actions);

export function personalFormRoutes(options: { run: GraphqlRunner; personal: PersonalSpace }): Hono {
  const app = new Hono();
  const refusal = (c: Context, lang: Lang, status: number, message: string) => {
    const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
    const main = html`<h1>${t('formError')}</h1><div class="fr-alert fr-alert--error fr-mb-3w"><p>${message}</p></div><p><a class="fr-link" href="${paths.space[lang]}">${t('personalSpace')}</a></p>`;
    return c.html(layout({ lang, title: t('formError'), otherLanguageHref: paths.space[lang === 'fr' ? 'en' : 'fr'], searchAction: paths.search[lang], homeHref: paths.home[lang], main }), status as ContentfulStatusCode);
  };
  for (const lang of ['fr', 'en'] as const) {
    app.post(`${paths.space[lang]}/:action`, async (c) => {
      const action = actions[c.req.param('action')];
      if (!action) return refusal(c, lang, 404, 'Unknown action');
      const body = await c.req.parseBody();
      const form: Form = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string').map(([k, v]) => [k, v.slice(0, 10_000)]));
      const caller = callerOf(options.personal, c.req.header('cookie'), form.csrf ?? null);
      if (!caller.session) return refusal(c, lang, 401, translate(lang, 'signInNeeded'));
      if (!caller.csrfOk) return refusal(c, lang, 403, 'CSRF');
      if (c.req.param('action') === 'account-delete' && !flag(form.confirm)) return refusal(c, lang, 400, translate(lang, 'confirmDelete'));
      const { document, variables, next } = action(form, lang);
      try {
        const data = await options.run<Record<string, any>>(document, variables, caller); // eslint-disable-line @typescript-eslint/no-explicit-any
        if (c.req.param('action') === 'account-delete') deleteCookie(c, sessionCookie, { path: '/' });
        return c.redirect(next(data), 303);
      } catch (error) {
        const extensions = (error as { extensions?: { code?: string; http?: { status?: number } } }).extensions;
        const status = extensions?.http?.status ?? (extensions?.code === 'BAD_USER_INPUT' ? 400 : undefined);
        if (!status) throw error;
        return refusal(c, lang, status, (error as Error).message);
      }
    });
  }
  return app;
}
