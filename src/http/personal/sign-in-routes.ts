// Owns signing in and out: /auth/orcid starts the OpenID Connect flow with ORCID, its callback
// opens a session (HttpOnly, SameSite=Lax cookie; Secure over https) and goes back to the page the
// visitor came from (a path of this site only); sign-out is a POST with the session's CSRF token.
// Also /alerts/unsubscribe (a signed link from an alert e-mail, no sign-in needed) and /me/data
// (everything stored about the signed-in user, GDPR).
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Logger } from '../../log/index.js';
import { type OrcidSignIn, type PersonalSpace, type UnsubscribeLinks } from '../../personal/index.js';
import { callerOf, sessionCookie } from '../graphql/graphql-routes.js';
import { problemResponse } from '../problem.js';
import { publicOrigin } from '../public-origin.js';

const attemptCookie = 'maillage_signin';

/** An RFC 9457 problem for this request. */
export const problem = (c: Context, status: number, title: string, detail?: string) => problemResponse(c, { type: 'about:blank', title, status, ...(detail ? { detail } : {}), instance: c.req.path });

/** A page of this site to return to: a local path, never another origin ("//host", "/\\host"). */
export function localPath(value: string | undefined | null, fallback: string): string {
  return value && /^\/(?![/\\])[^\s]*$/.test(value) && value.length <= 2000 ? value : fallback;
}

export interface SignInRouteOptions {
  personal: PersonalSpace;
  signIn: OrcidSignIn | null;
  unsubscribeLinks: UnsubscribeLinks;
  logger: Logger;
  publicBaseUrl?: string;
}

export function signInRoutes(options: SignInRouteOptions): Hono {
  const { personal } = options;
  const secure = (c: Context) => publicOrigin(c, options.publicBaseUrl).startsWith('https:');
  const callbackUrl = (c: Context) => `${publicOrigin(c, options.publicBaseUrl)}/auth/orcid/callback`;
  const app = new Hono();

  app.get('/auth/orcid', async (c) => {
    if (!options.signIn) return problem(c, 503, 'Sign-in is not configured', 'This deployment has no ORCID client (ORCID_CLIENT_ID and ORCID_CLIENT_SECRET).');
    const returnTo = localPath(c.req.query('return'), '/fr/espace');
    try {
      const { url, attemptId } = await options.signIn.start(callbackUrl(c), returnTo);
      setCookie(c, attemptCookie, attemptId, { path: '/auth', httpOnly: true, sameSite: 'Lax', secure: secure(c), maxAge: 600 });
      return c.redirect(url, 302);
    } catch (error) {
      options.logger.error({ err: error }, 'sign-in could not start');
      return problem(c, 502, 'ORCID cannot be reached', 'Signing in is not possible at the moment; try again later.');
    }
  });

  app.get('/auth/orcid/callback', async (c) => {
    if (!options.signIn) return problem(c, 503, 'Sign-in is not configured');
    const attempt = getCookie(c, attemptCookie);
    deleteCookie(c, attemptCookie, { path: '/auth' });
    try {
      const identity = await options.signIn.finish(attempt, new URL(c.req.url.replace(/^[^:]+:\/\/[^/]+/, publicOrigin(c, options.publicBaseUrl))));
      const user = personal.accounts.signedIn(identity.orcid, identity.name);
      const { token } = personal.accounts.openSession(user.id);
      setCookie(c, sessionCookie, token, { path: '/', httpOnly: true, sameSite: 'Lax', secure: secure(c), maxAge: 30 * 86_400 });
      options.logger.info({ user: user.id }, 'signed in');
      return c.redirect(localPath(identity.returnTo, '/fr/espace'), 303);
    } catch (error) {
      options.logger.warn({ err: error }, 'sign-in refused');
      return problem(c, 400, 'Sign-in failed', 'The sign-in could not be completed (it may have expired): start again.');
    }
  });

  app.post('/auth/sign-out', async (c) => {
    const body = await c.req.parseBody();
    const token = getCookie(c, sessionCookie);
    const caller = callerOf(personal, c.req.header('cookie'), typeof body.csrf === 'string' ? body.csrf : null);
    if (!caller.session) return c.redirect('/', 303);
    if (!caller.csrfOk) return problem(c, 403, 'Missing or wrong CSRF token');
    if (token) personal.accounts.closeSession(token);
    deleteCookie(c, sessionCookie, { path: '/' });
    return c.redirect(localPath(typeof body.return === 'string' ? body.return : null, '/'), 303);
  });

  app.get('/me/data', (c) => {
    const { session } = callerOf(personal, c.req.header('cookie'), null);
    if (!session) return problem(c, 401, 'Sign in first');
    return c.body(JSON.stringify(personal.accounts.personalData(session.user.id), null, 2), 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': 'attachment; filename="maillage-personal-data.json"',
      'cache-control': 'no-store',
    });
  });

  app.get('/alerts/unsubscribe', (c) => {
    const id = c.req.query('search') ?? '';
    const token = c.req.query('token') ?? '';
    if (!id || !token || !options.unsubscribeLinks.verify(id, token)) return problem(c, 400, 'This unsubscribe link is not valid');
    const search = personal.searches.unsubscribe(id);
    const name = search?.name ?? '';
    return c.html(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Alertes arrêtées</title><link rel="stylesheet" href="/static/dsfr/dsfr.min.css"></head><body><main class="fr-container fr-py-4w"><h1>Alertes arrêtées</h1><p>Vous ne recevrez plus d’alertes pour la recherche « ${escapeHtml(name)} ».</p><p lang="en">You will no longer receive alerts for the search “${escapeHtml(name)}”.</p><p><a href="/fr/espace">Espace personnel</a></p></main></body></html>`);
  });
  return app;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
