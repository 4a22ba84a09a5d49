// The personal space through the GraphQL API, on the real service with the demo catalogue: users
// sign in through a real OpenID provider configured like ORCID (oidc-provider on loopback), e-mails
// go to a real SMTP server (smtp-server on loopback). Authorisation on every mutation (401 signed
// out, 403 without the CSRF token or the role, "not found" for another's private data), sharing by
// link, questions with curators' answers and abuse limits, GDPR export and deletion, and an alert
// e-mail after new records are harvested (the real CLI ingests them while the service is stopped),
// sent once even across restarts, with an unsubscribe link that works signed out.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/index.js';
import { signInThroughProvider, type SignedInUser } from '../support/oidc-sign-in.js';
import { clientId, clientSecret, freePort, nameFor, startOrcidProvider, type OrcidProvider } from '../support/orcid-provider.js';
import { startTestServer } from '../support/service.js';
import { personalFormActions } from '../../src/web/personal-forms.js';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp-capture.js';

const alice = '0000-0002-1825-0097';
const bob = '0000-0001-5109-3700';
const carol = '0000-0003-1419-2405';

let dataDir: string;
let provider: OrcidProvider;
let smtp: SmtpCapture;
let server: RunningServer;
let port: number;
let env: Record<string, string>;
const users: Record<string, SignedInUser> = {};

interface Answer<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

async function gql<T = any>(query: string, variables: Record<string, unknown> = {}, as?: SignedInUser, options: { csrf?: boolean } = {}): Promise<Answer<T>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (as) headers.cookie = as.cookie;
  if (as && options.csrf !== false) headers['x-csrf-token'] = as.csrf;
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: response.status, ...((await response.json()) as object) };
}

const firstDataset = async (): Promise<string> => (await gql('{ search(filters: { types: [dataset] }, first: 1) { edges { node { iri } } } }')).data.search.edges[0].node.iri;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'maillage-personal-'));
  port = await freePort();
  provider = await startOrcidProvider(`http://127.0.0.1:${port}/auth/orcid/callback`);
  smtp = await startSmtpCapture();
  nameFor(alice, 'Alice', 'Martin');
  env = {
    PORT: String(port),
    DEMO_CATALOGUE: 'true',
    BUNDLED_THESAURUS: 'true',
    DERIVE_WORKERS: '2',
    ORCID_ISSUER: provider.issuer,
    ORCID_CLIENT_ID: clientId,
    ORCID_CLIENT_SECRET: clientSecret,
    ADMIN_ORCIDS: carol,
    SMTP_URL: smtp.url,
    QUESTION_CONTACTS: 'demo:contact@entrepot.example.org',
    ALERT_CHECK_MS: '300',
  };
  server = await startTestServer(dataDir, env);
  for (const orcid of [alice, bob, carol]) users[orcid] = await signInThroughProvider(server.url, orcid);
}, 240_000);

afterAll(async () => {
  await server?.close();
  await provider?.close();
  await smtp?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('signing in with ORCID (OpenID Connect, PKCE)', () => {
  it('opens a session for the ORCID iD the provider vouches for, with the name it gives', async () => {
    const me = await gql('{ me { orcid name role csrfToken } }', {}, users[alice]);
    expect(me.data.me).toMatchObject({ orcid: alice, name: 'Alice Martin', role: 'user' });
    expect((await gql('{ me { role } }', {}, users[carol])).data.me.role).toBe('admin');
    expect((await gql('{ me { name } }')).data.me).toBeNull();
  });

  it('refuses a callback that this service did not start (forged state)', async () => {
    const response = await fetch(`${server.url}/auth/orcid/callback?code=stolen&state=forged`, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('answers 401 to a mutation signed out, and 403 to one without the CSRF token', async () => {
    const signedOut = await gql('mutation { createCollection(title: "x") { id } }');
    expect(signedOut.status).toBe(401);
    expect(signedOut.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const noCsrf = await gql('mutation { createCollection(title: "x") { id } }', {}, users[alice], { csrf: false });
    expect(noCsrf.status).toBe(403);
    expect((await gql('{ me { collections { id } } }', {}, users[alice])).data.me.collections).toEqual([]);
  });

  it('signs out with the CSRF token only', async () => {
    const session = await signInThroughProvider(server.url, alice);
    const forged = await fetch(`${server.url}/auth/sign-out`, { method: 'POST', redirect: 'manual', headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: 'csrf=wrong' });
    expect(forged.status).toBe(403);
    expect((await gql('{ me { orcid } }', {}, session)).data.me).not.toBeNull();
    const real = await fetch(`${server.url}/auth/sign-out`, { method: 'POST', redirect: 'manual', headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: `csrf=${session.csrf}` });
    expect(real.status).toBe(303);
    expect((await gql('{ me { orcid } }', {}, session)).data.me).toBeNull();
  });
});

describe('collections', () => {
  it('keeps a collection private to its owner, shares it by a link that can be revoked, and makes it public', async () => {
    const dataset = await firstDataset();
    const created = await gql('mutation { createCollection(title: "Cours de M2", description: "Jeux pour le TP") { id visibility } }', {}, users[alice]);
    const id = created.data.createCollection.id as string;
    expect(created.data.createCollection.visibility).toBe('private');
    const added = await gql('mutation($id: ID!, $r: String!) { addToCollection(id: $id, resource: $r) { itemCount items { iri title resource { iri } } } }', { id, r: dataset }, users[alice]);
    expect(added.data.addToCollection.itemCount).toBe(1);
    expect(added.data.addToCollection.items[0].resource.iri).toBe(dataset);

    const read = '{ collection(id: $id, shareToken: $t) { title itemCount } }'.replace('{ collection', 'query($id: ID!, $t: String) { collection');
    // Another user and a visitor see nothing, and cannot change it.
    expect((await gql(read, { id }, users[bob])).data.collection).toBeNull();
    expect((await gql(read, { id })).data.collection).toBeNull();
    const bobEdits = await gql('mutation($id: ID!) { updateCollection(id: $id, title: "pris") { id } }', { id }, users[bob]);
    expect(bobEdits.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gql('mutation($id: ID!, $r: String!) { removeFromCollection(id: $id, resource: $r) { id } }', { id, r: dataset }, users[bob])).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gql('mutation($id: ID!) { deleteCollection(id: $id) }', { id }, users[bob])).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // Shared by link: readable with its token, signed out too, exports included.
    const shared = await gql('mutation($id: ID!) { updateCollection(id: $id, visibility: link) { shareToken } }', { id }, users[alice]);
    const token = shared.data.updateCollection.shareToken as string;
    expect((await gql(read, { id, t: token })).data.collection).toEqual({ title: 'Cours de M2', itemCount: 1 });
    expect((await gql(read, { id, t: 'not-the-token' })).data.collection).toBeNull();
    const csv = await fetch(`${server.url}/collections/${id}/export?format=csv&share=${token}`);
    expect(csv.status).toBe(200);
    expect((await csv.text()).split('\n')[1]).toContain(dataset);
    const turtle = await (await fetch(`${server.url}/collections/${id}/export?format=ttl&share=${token}`)).text();
    expect(turtle).toMatch(/dcat:Catalog|<http:\/\/www\.w3\.org\/ns\/dcat#Catalog>/);
    expect(turtle).toContain(dataset);
    const bib = await (await fetch(`${server.url}/collections/${id}/export?format=bib&share=${token}`)).text();
    expect(bib).toMatch(/@misc\{maillage1,\n {2}title = \{/);
    expect((await fetch(`${server.url}/collections/${id}/export?format=csv`)).status).toBe(404);

    // A new link: the old one stops working.
    const renewed = await gql('mutation($id: ID!) { renewShareLink(id: $id) { shareToken } }', { id }, users[alice]);
    expect(renewed.data.renewShareLink.shareToken).not.toBe(token);
    expect((await gql(read, { id, t: token })).data.collection).toBeNull();

    await gql('mutation($id: ID!) { updateCollection(id: $id, visibility: public) { id } }', { id }, users[alice]);
    expect((await gql(read, { id })).data.collection.title).toBe('Cours de M2');
    // Still Alice's to change.
    expect((await gql('mutation($id: ID!) { updateCollection(id: $id, title: "pris") { id } }', { id }, users[bob])).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lets only curators make official collections, featured on the home page', async () => {
    const refused = await gql('mutation { createCollection(title: "Défi climat", official: true) { id } }', {}, users[bob]);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const official = await gql('mutation { createCollection(title: "Défi : le climat urbain", description: "Cas d’usage", official: true) { id official visibility } }', {}, users[carol]);
    expect(official.data.createCollection).toMatchObject({ official: true, visibility: 'public' });
    const home = await (await fetch(`${server.url}/fr/`)).text();
    expect(home).toContain('Défi : le climat urbain');
  });

  it('refuses a title over its limit and text with HTML is kept as text', async () => {
    const long = await gql('mutation($t: String!) { createCollection(title: $t) { id } }', { t: 'x'.repeat(201) }, users[alice]);
    expect(long.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const html = await gql('mutation { createCollection(title: "<img src=x onerror=alert(1)>") { id } }', {}, users[alice]);
    const page = await (await fetch(`${server.url}/fr/collection?id=${html.data.createCollection.id}`, { headers: { cookie: users[alice]!.cookie } })).text();
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<img src=x');
  });
});

describe('saved searches', () => {
  it('saves a search with its counts, and nobody else can read or change it', async () => {
    const saved = await gql('mutation { saveSearch(name: "Aérosols", query: "q=a%C3%A9rosols&type=dataset") { id totalCount newSinceVisit newSinceAlert frequency } }', {}, users[alice]);
    expect(saved.errors).toBeUndefined();
    expect(saved.data.saveSearch.totalCount).toBeGreaterThan(0);
    expect(saved.data.saveSearch.newSinceVisit).toBe(0);
    const id = saved.data.saveSearch.id as string;
    expect((await gql('{ me { savedSearches { id } } }', {}, users[bob])).data.me.savedSearches).toEqual([]);
    expect((await gql('mutation($id: ID!) { updateSavedSearch(id: $id, frequency: daily) { id } }', { id }, users[bob])).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gql('mutation($id: ID!) { deleteSavedSearch(id: $id) }', { id }, users[bob])).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('questions and answers', () => {
  it('takes a signed-in user\'s question, tells the repository, and lets only curators answer', async () => {
    const dataset = await firstDataset();
    const asked = await gql('mutation($r: String!) { askQuestion(resource: $r, text: "Quel est le pas de temps ? <script>alert(1)</script>") { id text } }', { r: dataset }, users[alice]);
    expect(asked.errors).toBeUndefined();
    const id = asked.data.askQuestion.id as string;
    // The repository's contact hears of it.
    const notice = (await smtp.waitFor(1)).find((m) => (m.to as { text: string }).text.includes('contact@entrepot.example.org'));
    expect(notice?.text).toContain('Quel est le pas de temps');
    // A user cannot answer; an admin makes Bob a curator, who answers and marks it frequent.
    expect((await gql('mutation($id: ID!) { moderateQuestion(id: $id, answer: "oui") { id } }', { id }, users[alice])).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql('mutation { setRole(orcid: "' + bob + '", role: curator) { role } }', {}, users[alice])).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql('mutation { setRole(orcid: "' + bob + '", role: curator) { role } }', {}, users[carol])).data.setRole.role).toBe('curator');
    const answered = await gql('mutation($id: ID!) { moderateQuestion(id: $id, answer: "Horaire.", frequent: true) { answer frequent } }', { id }, users[bob]);
    expect(answered.data.moderateQuestion).toEqual({ answer: 'Horaire.', frequent: true });
    const faq = await gql('query($r: String!) { questions(resource: $r, frequentOnly: true) { text answer author } }', { r: dataset });
    expect(faq.data.questions[0]).toMatchObject({ answer: 'Horaire.', author: 'Alice Martin' });
    // Shown as text on the dataset's page, never as markup.
    const page = await (await fetch(`${server.url}/fr/ressource?iri=${encodeURIComponent(dataset)}`)).text();
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert(1)');
  });

  it('limits questions per hour and their length, and refuses them signed out', async () => {
    const dataset = await firstDataset();
    expect((await gql('mutation($r: String!) { askQuestion(resource: $r, text: "Bonjour ?") { id } }', { r: dataset })).status).toBe(401);
    expect((await gql('mutation($r: String!, $t: String!) { askQuestion(resource: $r, text: $t) { id } }', { r: dataset, t: 'x'.repeat(2001) }, users[bob])).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const codes: Array<string | undefined> = [];
    for (let i = 0; i < 6; i += 1) codes.push((await gql('mutation($r: String!, $t: String!) { askQuestion(resource: $r, text: $t) { id } }', { r: dataset, t: `Question ${i} ?` }, users[bob])).errors?.[0]?.extensions?.code);
    expect(codes.slice(0, 5)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(codes[5]).toBe('TOO_MANY_REQUESTS');
  });
});

describe('authorisation on every mutation and form', () => {
  // Erin owns private data; Dave, a plain user, tries every mutation and every form on it. The lists
  // are checked against the running schema and the forms' actions, so a new one must be added here.
  const erin = '0000-0002-9079-593X';
  const dave = '0000-0001-8135-3489';
  const owned = { collection: '', search: '', question: '', dataset: '' };

  beforeAll(async () => {
    for (const orcid of [erin, dave]) users[orcid] = await signInThroughProvider(server.url, orcid);
    owned.dataset = await firstDataset();
    owned.collection = (await gql('mutation { createCollection(title: "Privée d’Erin") { id } }', {}, users[erin])).data.createCollection.id;
    await gql('mutation($id: ID!, $r: String!) { addToCollection(id: $id, resource: $r) { id } }', { id: owned.collection, r: owned.dataset }, users[erin]);
    owned.search = (await gql('mutation { saveSearch(name: "Recherche d’Erin", query: "q=ozone") { id } }', {}, users[erin])).data.saveSearch.id;
    owned.question = (await gql('mutation($r: String!) { askQuestion(resource: $r, text: "Question d’Erin ?") { id } }', { r: owned.dataset }, users[erin])).data.askQuestion.id;
  }, 60_000);

  // What Dave may not do to Erin's data, and the refusal he must get. `own` mutations act only on
  // the caller's own data, so for them only the signed-out and CSRF refusals apply.
  const attacks = (): Record<string, { document: string; variables: Record<string, unknown>; refusal: 'NOT_FOUND' | 'FORBIDDEN' | 'own' }> => ({
    addToCollection: { document: 'mutation($id: ID!, $r: String!) { addToCollection(id: $id, resource: $r) { id } }', variables: { id: owned.collection, r: owned.dataset }, refusal: 'NOT_FOUND' },
    removeFromCollection: { document: 'mutation($id: ID!, $r: String!) { removeFromCollection(id: $id, resource: $r) { id } }', variables: { id: owned.collection, r: owned.dataset }, refusal: 'NOT_FOUND' },
    updateCollection: { document: 'mutation($id: ID!) { updateCollection(id: $id, visibility: public) { id } }', variables: { id: owned.collection }, refusal: 'NOT_FOUND' },
    renewShareLink: { document: 'mutation($id: ID!) { renewShareLink(id: $id) { shareToken } }', variables: { id: owned.collection }, refusal: 'NOT_FOUND' },
    deleteCollection: { document: 'mutation($id: ID!) { deleteCollection(id: $id) }', variables: { id: owned.collection }, refusal: 'NOT_FOUND' },
    updateSavedSearch: { document: 'mutation($id: ID!) { updateSavedSearch(id: $id, frequency: immediate) { id } }', variables: { id: owned.search }, refusal: 'NOT_FOUND' },
    markSearchVisited: { document: 'mutation($id: ID!) { markSearchVisited(id: $id) { query } }', variables: { id: owned.search }, refusal: 'NOT_FOUND' },
    deleteSavedSearch: { document: 'mutation($id: ID!) { deleteSavedSearch(id: $id) }', variables: { id: owned.search }, refusal: 'NOT_FOUND' },
    moderateQuestion: { document: 'mutation($id: ID!) { moderateQuestion(id: $id, answer: "réponse usurpée", hidden: true) { id } }', variables: { id: owned.question }, refusal: 'FORBIDDEN' },
    setRole: { document: 'mutation($o: String!) { setRole(orcid: $o, role: admin) { role } }', variables: { o: dave }, refusal: 'FORBIDDEN' },
    createCollection: { document: 'mutation { createCollection(title: "Officielle", official: true) { id } }', variables: {}, refusal: 'FORBIDDEN' },
    askQuestion: { document: 'mutation($r: String!) { askQuestion(resource: $r, text: "?") { id } }', variables: { r: owned.dataset }, refusal: 'own' },
    saveSearch: { document: 'mutation { saveSearch(name: "n", query: "q=x") { id } }', variables: {}, refusal: 'own' },
    updateProfile: { document: 'mutation { updateProfile(lang: en) { orcid } }', variables: {}, refusal: 'own' },
    deleteMyAccount: { document: 'mutation { deleteMyAccount }', variables: {}, refusal: 'own' },
  });

  const erinsDataIsUntouched = async () => {
    const mine = await gql('query($id: ID!) { collection(id: $id) { title visibility itemCount shareToken } me { role savedSearches { name frequency } } }', { id: owned.collection }, users[erin]);
    expect(mine.data.collection).toEqual({ title: 'Privée d’Erin', visibility: 'private', itemCount: 1, shareToken: null });
    expect(mine.data.me.savedSearches).toEqual([{ name: 'Recherche d’Erin', frequency: 'none' }]);
    const questions = await gql('query($r: String!) { questions(resource: $r) { id answer hidden } }', { r: owned.dataset });
    expect(questions.data.questions.find((q: { id: string }) => q.id === owned.question)).toEqual({ id: owned.question, answer: null, hidden: false });
    expect((await gql('{ me { role } }', {}, users[dave])).data.me.role).toBe('user');
  };

  it('covers every mutation of the served schema: 401 signed out, 403 without the CSRF token, refused on another user\'s data', async () => {
    const served = await gql('{ __type(name: "Mutation") { fields { name } } }');
    const table = attacks();
    expect(Object.keys(table).sort()).toEqual(served.data.__type.fields.map((f: { name: string }) => f.name).sort());
    for (const [name, attack] of Object.entries(table)) {
      const signedOut = await gql(attack.document, attack.variables);
      expect([name, signedOut.status, signedOut.errors?.[0]?.extensions?.code]).toEqual([name, 401, 'UNAUTHENTICATED']);
      const noCsrf = await gql(attack.document, attack.variables, users[dave], { csrf: false });
      expect([name, noCsrf.status]).toEqual([name, 403]);
      if (attack.refusal === 'own') continue;
      const refused = await gql(attack.document, attack.variables, users[dave]);
      expect([name, refused.errors?.[0]?.extensions?.code]).toEqual([name, attack.refusal]);
    }
    await erinsDataIsUntouched();
  });

  it('covers every form of the personal space the same way, and Erin\'s pages and exports stay hers', async () => {
    const post = (action: string, fields: Record<string, string>, as?: SignedInUser) => fetch(`${server.url}/fr/espace/${action}`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(as ? { cookie: as.cookie } : {}) },
      body: new URLSearchParams(fields),
    });
    const onErin: Record<string, { fields: Record<string, string>; status: number | 'own' }> = {
      profile: { fields: { lang: 'en' }, status: 'own' },
      'collection-create': { fields: { title: 'Officielle', official: 'on' }, status: 403 },
      'collection-update': { fields: { id: owned.collection, visibility: 'public' }, status: 404 },
      'collection-renew': { fields: { id: owned.collection }, status: 404 },
      'collection-delete': { fields: { id: owned.collection }, status: 404 },
      'collection-add': { fields: { id: owned.collection, resource: owned.dataset }, status: 404 },
      'collection-remove': { fields: { id: owned.collection, resource: owned.dataset }, status: 404 },
      'search-save': { fields: { name: 'n', query: 'q=x' }, status: 'own' },
      'search-update': { fields: { id: owned.search, frequency: 'immediate' }, status: 404 },
      'search-open': { fields: { id: owned.search }, status: 404 },
      'search-delete': { fields: { id: owned.search }, status: 404 },
      'question-ask': { fields: { resource: owned.dataset, text: '?' }, status: 'own' },
      'question-moderate': { fields: { id: owned.question, answer: 'usurpée', hidden: 'on' }, status: 403 },
      'account-delete': { fields: { confirm: 'on' }, status: 'own' },
    };
    expect(Object.keys(onErin).sort()).toEqual([...personalFormActions].sort());
    for (const [action, attack] of Object.entries(onErin)) {
      expect([action, (await post(action, attack.fields)).status]).toEqual([action, 401]);
      expect([action, (await post(action, { ...attack.fields, csrf: 'forged' }, users[dave])).status]).toEqual([action, 403]);
      if (attack.status === 'own') continue;
      expect([action, (await post(action, { ...attack.fields, csrf: users[dave]!.csrf }, users[dave])).status]).toEqual([action, attack.status]);
    }
    await erinsDataIsUntouched();
    // Her collection's page and exports: hers only.
    for (const as of [undefined, users[dave]]) {
      const headers = as ? { cookie: as.cookie } : undefined;
      expect((await fetch(`${server.url}/fr/collection?id=${owned.collection}`, { headers })).status).toBe(404);
      expect((await fetch(`${server.url}/collections/${owned.collection}/export?format=csv`, { headers })).status).toBe(404);
    }
    expect((await fetch(`${server.url}/fr/collection?id=${owned.collection}`, { headers: { cookie: users[erin]!.cookie } })).status).toBe(200);
    const davesData = await (await fetch(`${server.url}/me/data`, { headers: { cookie: users[dave]!.cookie } })).text();
    expect(davesData).not.toContain('Erin');
  });
});

describe('alerts', () => {
  it('e-mails the new datasets of a saved search after a harvest, once, with an unsubscribe link that works signed out', async () => {
    await gql('mutation { updateProfile(email: "alice@example.org", lang: fr) { email } }', {}, users[alice]);
    const saved = await gql('mutation { saveSearch(name: "Lidar", query: "q=lidar", frequency: immediate) { id totalCount } }', {}, users[alice]);
    const id = saved.data.saveSearch.id as string;
    // New records arrive: the service stops, the real CLI ingests a repository's export, it starts again.
    await server.close();
    const folder = path.join(dataDir, 'new-records');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'lidar.xml'), dataciteRecord('10.57745/lidar-2026', 'Profils lidar d’aérosols à Brest, campagne 2026'));
    const ingest = spawnSync(process.execPath, ['bin/maillage.js', 'ingest', folder, '--name', 'demo'], { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, encoding: 'utf8' });
    expect(ingest.status, ingest.stderr).toBe(0);
    server = await startTestServer(dataDir, env);
    const alert = await smtp.waitForMailTo('alice@example.org');
    expect(alert.subject).toBe('1 nouveau jeu de données pour « Lidar »');
    expect(alert.text).toContain('Profils lidar d’aérosols à Brest, campagne 2026');
    // Restarting does not send it again.
    await server.close();
    server = await startTestServer(dataDir, env);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.messages.filter((m) => (m.to as { text: string }).text === 'alice@example.org')).toHaveLength(1);
    // Unsubscribing needs no sign-in, and a forged link does nothing.
    const link = /(http:\/\/\S+\/alerts\/unsubscribe\?\S+)/.exec(alert.text!)![1]!;
    expect((await fetch(link.replace(/token=[^&\s]+/, 'token=forged'))).status).toBe(400);
    expect((await fetch(link)).status).toBe(200);
    const after = await gql('{ me { savedSearches { id frequency } } }', {}, users[alice]);
    expect(after.data.me.savedSearches.find((s: { id: string }) => s.id === id).frequency).toBe('none');
  }, 240_000);
});

describe('personal data (GDPR)', () => {
  it('gives a user everything stored about them, and deletes their account keeping public questions without their name', async () => {
    const data = await fetch(`${server.url}/me/data`, { headers: { cookie: users[alice]!.cookie } });
    expect(data.status).toBe(200);
    const stored = (await data.json()) as { profile: { orcid: string }; collections: unknown[]; savedSearches: unknown[]; questions: unknown[] };
    expect(stored.profile.orcid).toBe(alice);
    expect(stored.collections.length).toBeGreaterThan(0);
    expect(stored.savedSearches.length).toBeGreaterThan(0);
    expect(stored.questions.length).toBe(1);
    expect((await fetch(`${server.url}/me/data`)).status).toBe(401);

    const dataset = await firstDataset();
    expect((await gql('mutation { deleteMyAccount }', {}, users[alice])).data.deleteMyAccount).toBe(true);
    expect((await gql('{ me { orcid } }', {}, users[alice])).data.me).toBeNull();
    const questions = await gql('query($r: String!) { questions(resource: $r) { text author } }', { r: dataset });
    const hers = questions.data.questions.find((q: { text: string }) => q.text.startsWith('Quel est le pas de temps'));
    expect(hers).toMatchObject({ author: null });
  });
});

function dataciteRecord(doi: string, title: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<resource xmlns="http://datacite.org/schema/kernel-4" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://datacite.org/schema/kernel-4 http://schema.datacite.org/meta/kernel-4.4/metadata.xsd">
  <identifier identifierType="DOI">${doi}</identifier>
  <creators><creator><creatorName nameType="Personal">Dupont, Jeanne</creatorName></creator></creators>
  <titles><title xml:lang="fr">${title}</title></titles>
  <publisher>Recherche Data Gouv</publisher>
  <publicationYear>2026</publicationYear>
  <resourceType resourceTypeGeneral="Dataset">Dataset</resourceType>
  <subjects><subject>Aerosols</subject></subjects>
  <descriptions><description descriptionType="Abstract" xml:lang="fr">Profils verticaux d’aérosols mesurés par lidar au-dessus de Brest.</description></descriptions>
</resource>`;
}
