// Signs a user in to the service through the local OpenID provider the way a browser does, with
// plain HTTP: follows the redirects, keeps each origin's cookies, fills the provider's development
// login page (the login name is the ORCID iD) and its consent page, and returns the service's
// session cookie and the CSRF token of that session.

type Jar = Map<string, Map<string, string>>;

function remember(jar: Jar, url: URL, response: Response): void {
  const cookies = jar.get(url.origin) ?? new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair!.indexOf('=');
    const name = pair!.slice(0, at).trim();
    const value = pair!.slice(at + 1).trim();
    if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') cookies.delete(name);
    else cookies.set(name, value);
  }
  jar.set(url.origin, cookies);
}

const cookieHeader = (jar: Jar, url: URL) => [...(jar.get(url.origin) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');

/** Follows one request and its redirects; the last response's URL and body. */
async function browse(jar: Jar, start: string, init: { method?: string; body?: URLSearchParams } = {}): Promise<{ url: URL; status: number; text: string }> {
  let url = new URL(start);
  let method = init.method ?? 'GET';
  let body: URLSearchParams | undefined = init.body;
  for (let hops = 0; hops < 20; hops += 1) {
    const response = await fetch(url, { method, redirect: 'manual', headers: { cookie: cookieHeader(jar, url), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) }, ...(body ? { body } : {}) });
    remember(jar, url, response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url);
      method = 'GET';
      body = undefined;
      await response.arrayBuffer();
      continue;
    }
    return { url, status: response.status, text: await response.text() };
  }
  throw new Error('too many redirects');
}

/** The action of the page's first form (the provider's login or consent page). */
const formAction = (page: { url: URL; text: string }) => new URL(/<form[^>]*action="([^"]+)"/.exec(page.text)![1]!.replace(/&amp;/g, '&'), page.url).href;

export interface SignedInUser {
  cookie: string;
  csrf: string;
}

export async function signInThroughProvider(serviceUrl: string, orcid: string): Promise<SignedInUser> {
  const jar: Jar = new Map();
  const login = await browse(jar, `${serviceUrl}/auth/orcid?return=/fr/espace`);
  if (!/name="login"/.test(login.text)) throw new Error(`expected the provider's login page, got ${login.status} at ${login.url.href}:\n${login.text.slice(0, 500)}`);
  const consent = await browse(jar, formAction(login), { method: 'POST', body: new URLSearchParams({ prompt: 'login', login: orcid, password: 'any' }) });
  const landed = /name="prompt" value="consent"/.test(consent.text) ? await browse(jar, formAction(consent), { method: 'POST', body: new URLSearchParams({ prompt: 'consent' }) }) : consent;
  const serviceOrigin = new URL(serviceUrl).origin;
  const session = jar.get(serviceOrigin)?.get('maillage_session');
  if (!session) throw new Error(`no session after signing in (landed on ${landed.status} ${landed.url.href}):\n${landed.text.slice(0, 500)}`);
  const cookie = `maillage_session=${session}`;
  const me = (await (await fetch(`${serviceUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query: '{ me { csrfToken } }' }) })).json()) as { data: { me: { csrfToken: string } } };
  return { cookie, csrf: me.data.me.csrfToken };
}
