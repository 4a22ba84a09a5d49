// The personal space in a real browser (Debian's Chromium, playwright-core): sign in through a local
// OpenID provider configured like ORCID, make a collection from search results, share it and open
// the link signed out, save a search, ask a question on a dataset and read a curator's answer in
// its FAQ, and receive the alert e-mail of a saved search after new records are harvested (the
// real CLI ingests them while the service is stopped; a real SMTP server receives it). axe-core on each page (0 serious or critical findings); screenshots under
// test-output/web-personal/. Skipped, saying so, where Chromium is not installed.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchChromium, openTab, seriousFindings, submitAndReturn } from '../support/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/index.js';
import { clientId, clientSecret, freePort, nameFor, startOrcidProvider, type OrcidProvider } from '../support/orcid-provider.js';
import { startTestServer } from '../support/service.js';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp-capture.js';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const missing = chromiumMissing;
const shots = path.join(import.meta.dirname, '..', '..', 'test-output', 'web-personal');
const user = '0000-0002-9079-593X';
const curator = '0000-0001-8135-3489';

let server: RunningServer;
let provider: OrcidProvider;
let browser: Browser;
let dataDir: string;
let smtp: SmtpCapture;
let env: Record<string, string>;

/** Signs in from the catalogue's header through the provider's login and consent pages. */
async function signIn(page: Page, orcid: string): Promise<void> {
  await page.goto(`${server.url}/fr/`);
  await page.getByRole('link', { name: 'Se connecter avec ORCID' }).first().click();
  await page.locator('input[name="login"]').fill(orcid);
  await page.locator('input[name="password"]').fill('any');
  await page.locator('button[type="submit"]').click();
  // The provider asks for consent the first time.
  const consent = page.locator('button[type="submit"]');
  if (new URL(page.url()).origin !== server.url && (await consent.count()) > 0) await consent.click();
  await page.waitForURL((url) => url.origin === server.url);
  await page.getByRole('link', { name: 'Espace personnel' }).first().waitFor();
}

describe.skipIf(missing !== null)(`the personal space in a browser${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let page: Page;

  beforeAll(async () => {
    rmSync(shots, { recursive: true, force: true });
    mkdirSync(shots, { recursive: true });
    dataDir = mkdtempSync(path.join(tmpdir(), 'maillage-web-personal-'));
    const port = await freePort();
    provider = await startOrcidProvider(`http://127.0.0.1:${port}/auth/orcid/callback`);
    nameFor(user, 'Inès', 'Moreau');
    nameFor(curator, 'Paul', 'Curateur');
    smtp = await startSmtpCapture();
    env = { PORT: String(port), DEMO_CATALOGUE: 'true', BUNDLED_THESAURUS: 'true', DERIVE_WORKERS: '2', ORCID_ISSUER: provider.issuer, ORCID_CLIENT_ID: clientId, ORCID_CLIENT_SECRET: clientSecret, ADMIN_ORCIDS: curator, SMTP_URL: smtp.url, ALERT_CHECK_MS: '300' };
    server = await startTestServer(dataDir, env);
    browser = await launchChromium();
    page = await (await browser.newContext({ bypassCSP: true, locale: 'fr-FR' })).newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await provider?.close();
    await smtp?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs in with ORCID through the provider and lands back, signed in', async () => {
    await signIn(page, user);
    await page.getByRole('link', { name: 'Espace personnel' }).first().click();
    await page.waitForURL(/\/fr\/espace$/);
    expect(await page.getByText('Connecté·e : Inès Moreau').count()).toBe(1);
    await page.screenshot({ path: path.join(shots, '01-space.png'), fullPage: true });
    expect(await seriousFindings(page)).toEqual([]);
  });

  it('makes a collection, fills it from the search results, shares it, and opens the link signed out', async () => {
    await page.getByLabel('Titre').fill('Préparer un cours');
    await page.getByRole('button', { name: 'Créer' }).click();
    await page.waitForURL(/\/fr\/collection\?id=/);
    const collectionUrl = page.url();
    await page.goto(`${server.url}/fr/recherche?q=observations&type=dataset`);
    const firstTitle = (await page.getByRole('main').getByRole('heading', { level: 3 }).first().textContent())!.trim();
    await page.getByRole('button', { name: 'Ajouter' }).first().click();
    await page.waitForURL(/\/fr\/recherche/);
    await page.goto(collectionUrl);
    expect(await page.getByRole('heading', { name: '1 jeux de données' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: firstTitle }).count()).toBe(1);
    await page.getByLabel('Visibilité').selectOption('link');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/fr\/collection\?id=/);
    const shareUrl = await page.getByLabel('Lien de partage').inputValue();
    expect(shareUrl).toMatch(/partage=/);
    await page.screenshot({ path: path.join(shots, '02-collection.png'), fullPage: true });
    expect(await seriousFindings(page)).toEqual([]);
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(shareUrl);
    expect(await visitor.getByRole('heading', { level: 1 }).textContent()).toBe('Préparer un cours');
    expect(await visitor.getByRole('link', { name: firstTitle }).count()).toBe(1);
    // Without the link's token, the collection is not found.
    const response = await visitor.goto(collectionUrl);
    expect(response?.status()).toBe(404);
    await visitor.context().close();
  });

  it('saves a search and finds it in the personal space with its count', async () => {
    await page.goto(`${server.url}/fr/recherche?q=a%C3%A9rosols`);
    await page.getByText('Enregistrer cette recherche').click();
    await page.getByLabel('Nom de la recherche').fill('Mes aérosols');
    await page.getByLabel('Alertes par courriel').selectOption('weekly');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).last().click();
    await page.waitForURL(/\/fr\/espace$/);
    expect(await page.getByRole('heading', { name: 'Mes aérosols' }).count()).toBe(1);
    expect(await page.getByText(/\d+ résultats · 0 nouveaux depuis votre dernière visite/).count()).toBe(1);
    await page.screenshot({ path: path.join(shots, '03-saved-search.png'), fullPage: true });
    await page.getByRole('button', { name: 'Voir les résultats : Mes aérosols' }).click();
    await page.waitForURL(/\/fr\/recherche\?q=/);
  });

  it('asks a question on a dataset and reads the curator\'s answer in its FAQ', async () => {
    await page.goto(`${server.url}/fr/recherche?q=observations&type=dataset`);
    await page.getByRole('main').getByRole('heading', { level: 3 }).first().getByRole('link').click();
    await page.waitForURL(/\/fr\/ressource\?iri=/);
    const datasetUrl = page.url();
    await openTab(page, /^Questions/);
    await page.getByLabel('Votre question (texte seul, 2 000 caractères au plus)').fill('Les mesures sont-elles corrigées de la dérive ?');
    await submitAndReturn(page, page.getByRole('button', { name: 'Envoyer la question' }));
    expect(page.url()).toBe(datasetUrl);

    const curatorPage = await (await browser.newContext({ bypassCSP: true, locale: 'fr-FR' })).newPage();
    await signIn(curatorPage, curator);
    await curatorPage.goto(datasetUrl);
    await openTab(curatorPage, /^Questions/);
    await curatorPage.getByLabel('Réponse').first().fill('Oui, chaque mois.');
    await curatorPage.getByLabel('Question fréquente').first().check({ force: true });
    await submitAndReturn(curatorPage, curatorPage.getByRole('button', { name: 'Enregistrer la réponse' }).first());
    expect(curatorPage.url()).toBe(datasetUrl);
    await curatorPage.context().close();

    await page.goto(datasetUrl);
    const panel = await openTab(page, /^Questions/);
    expect(await panel.getByText('Les mesures sont-elles corrigées de la dérive ?').count()).toBe(1);
    expect(await panel.getByText('Oui, chaque mois.').count()).toBe(1);
    await page.screenshot({ path: path.join(shots, '04-question-answered.png'), fullPage: true });
    expect(await seriousFindings(page)).toEqual([]);
  });

  it('receives the alert e-mail of a saved search after new records are harvested, and opens the new dataset from it', async () => {
    await page.goto(`${server.url}/fr/espace`);
    await page.getByLabel('Adresse électronique (pour les alertes)').fill('ines.moreau@example.org');
    await submitAndReturn(page, page.getByRole('button', { name: 'Enregistrer' }).first());
    await page.goto(`${server.url}/fr/recherche?q=lidar`);
    await page.getByText('Enregistrer cette recherche').click();
    await page.getByLabel('Nom de la recherche').fill('Lidar');
    await page.getByLabel('Alertes par courriel').selectOption('immediate');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).last().click();
    await page.waitForURL(/\/fr\/espace$/);

    await server.close();
    const folder = path.join(dataDir, 'new-records');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'lidar.xml'), `<?xml version="1.0" encoding="UTF-8"?>
<resource xmlns="http://datacite.org/schema/kernel-4"><identifier identifierType="DOI">10.57745/lidar-brest</identifier>
<creators><creator><creatorName>Dupont, Jeanne</creatorName></creator></creators><titles><title xml:lang="fr">Profils lidar d’aérosols à Brest</title></titles>
<publisher>Recherche Data Gouv</publisher><publicationYear>2026</publicationYear><resourceType resourceTypeGeneral="Dataset">Dataset</resourceType></resource>`);
    const ingest = spawnSync(process.execPath, ['bin/maillage.js', 'ingest', folder, '--name', 'demo'], { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, encoding: 'utf8' });
    expect(ingest.status, ingest.stderr).toBe(0);
    server = await startTestServer(dataDir, env);

    const mail = await smtp.waitForMailTo('ines.moreau@example.org');
    expect(mail.subject).toBe('1 nouveau jeu de données pour « Lidar »');
    const link = /(http:\/\/\S+\/fr\/ressource\?iri=\S+)/.exec(mail.text!)![1]!;
    await page.goto(link);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Profils lidar d’aérosols à Brest');
    await page.screenshot({ path: path.join(shots, '05-alert-dataset.png'), fullPage: true });
  }, 240_000);
});
