// The web catalogue in a real browser (Debian's Chromium driven by playwright-core), on the demo
// catalogue: the journeys people make, found by roles and labels as a screen reader would, with
// axe-core run on every page (0 serious or critical findings) and a screenshot per step under
// test-output/web/. Skipped, saying so, where Chromium is not installed (scripts/install-chromium.sh).
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchChromium, openTab, seriousFindings } from '../support/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/index.js';
import { startTestServer } from '../support/service.js';

const missing = chromiumMissing;
const shots = path.join(import.meta.dirname, '..', '..', 'test-output', 'web');

let server: RunningServer;
let browser: Browser;
let page: Page;
let dataDir: string;

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

describe.skipIf(missing !== null)(`the catalogue in a browser${missing ? ` (skipped: ${missing})` : ''}`, () => {
  beforeAll(async () => {
    rmSync(shots, { recursive: true, force: true });
    mkdirSync(shots, { recursive: true });
    dataDir = mkdtempSync(path.join(tmpdir(), 'maillage-web-'));
    server = await startTestServer(dataDir, { DEMO_CATALOGUE: 'true', BUNDLED_THESAURUS: 'true', DERIVE_WORKERS: '2' });
    browser = await launchChromium();
    // axe is injected by the test, so the page's own Content-Security-Policy is bypassed for it alone.
    page = await (await browser.newContext({ bypassCSP: true, locale: 'fr-FR' })).newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens the home page in French, with its search box, theme tiles and figures', async () => {
    await page.goto(`${server.url}/`);
    expect(new URL(page.url()).pathname).toBe('/fr/');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Trouver les données');
    expect(await page.getByRole('heading', { name: 'Explorer par thème' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Océans' }).count()).toBeGreaterThan(0);
    await shot('01-home-fr');
    expect(await seriousFindings(page)).toEqual([]);
  });

  it('types "océans à Brest depuis 2012", sees what was understood as removable chips, and only matching results', async () => {
    const box = page.getByRole('main').getByRole('combobox', { name: 'Rechercher des données' });
    await box.fill('océans à Brest depuis 2012');
    await box.press('Enter');
    await page.waitForURL(/\/fr\/recherche\?q=/);
    const chips = page.getByRole('link', { name: /^Retirer le filtre/ });
    const names = await chips.allTextContents();
    expect(names).toEqual(expect.arrayContaining(['Thème : Océans', 'Lieu : Brest', 'Période : depuis 2012']));
    const status = await page.getByRole('status').textContent();
    expect(Number(status!.replace(/\D/g, ''))).toBeGreaterThan(0);
    // The place is drawn on the map, framed around it.
    expect(await page.getByRole('img', { name: 'Zone recherchée : Brest' }).count()).toBe(1);
    await shot('02-search-interpreted');
    expect(await seriousFindings(page)).toEqual([]);
    // Taking the place away searches again without it.
    await page.getByRole('link', { name: 'Retirer le filtre « Lieu : Brest »' }).click();
    await page.waitForURL((url) => !url.search.includes('Brest'));
    expect(await page.getByRole('link', { name: /^Retirer le filtre/ }).allTextContents()).not.toContain('Lieu : Brest');
  });

  it('types "températures de l\'océan Austral depuis 2000" and sees theme, place and period chips and the place on the map', async () => {
    await page.goto(`${server.url}/fr/`);
    const box = page.getByRole('main').getByRole('combobox', { name: 'Rechercher des données' });
    await box.fill("températures de l'océan Austral depuis 2000");
    await box.press('Enter');
    await page.waitForURL(/\/fr\/recherche\?q=/);
    expect(await page.getByRole('link', { name: /^Retirer le filtre/ }).allTextContents()).toEqual(["Thème : Température de l'océan", 'Lieu : océan Austral', 'Période : depuis 2000']);
    expect(await page.getByRole('img', { name: 'Zone recherchée : océan Austral' }).count()).toBe(1);
    await shot('02a-southern-ocean');
    expect(await seriousFindings(page)).toEqual([]);
  });

  it('types "aéro", is offered the theme Aérosols, picks it, and sees only aerosol datasets', async () => {
    await page.goto(`${server.url}/fr/`);
    const box = page.getByRole('main').getByRole('combobox', { name: 'Rechercher des données' });
    await box.pressSequentially('aéro', { delay: 30 });
    await page.waitForFunction(() => [...document.querySelectorAll('#search-suggestions option')].some((o) => (o as HTMLOptionElement).value === 'Aérosols'));
    await shot('02b-autocomplete');
    await box.fill('Aérosols');
    await box.press('Enter');
    await page.waitForURL(/\/fr\/recherche\?q=A/);
    expect(await page.getByRole('link', { name: /^Retirer le filtre/ }).allTextContents()).toEqual(['Thème : Aérosols']);
    const titles = await page.getByRole('main').getByRole('heading', { level: 3 }).allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    for (const title of titles) expect(title).toMatch(/^A[ée]rosols/);
  });

  it('ticks a facet, sees the count follow and the URL keep the choice', async () => {
    await page.goto(`${server.url}/fr/recherche?q=observations`);
    const before = Number((await page.getByRole('status').textContent())!.replace(/\D/g, ''));
    // The design system draws its own box over the native one (which stays in the accessibility tree).
    await page.getByRole('checkbox', { name: /^Jeu de données/ }).check({ force: true });
    await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
    await page.waitForURL(/type=dataset/);
    const after = Number((await page.getByRole('status').textContent())!.replace(/\D/g, ''));
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThanOrEqual(before);
    expect(await page.getByRole('checkbox', { name: /^Jeu de données/ }).isChecked()).toBe(true);
    await shot('03-search-facet');
  });

  it('opens a dataset, goes through its tabs to a linked publication and back, then reads it in English', async () => {
    await page.goto(`${server.url}/fr/recherche?q=observations&type=dataset`);
    await page.getByRole('main').getByRole('heading', { level: 3 }).first().getByRole('link').click();
    await page.waitForURL(/\/fr\/ressource\?iri=/);
    expect(await page.getByRole('tab').allTextContents()).toEqual(expect.arrayContaining(['Description', 'Score FAIR', expect.stringMatching(/^Publications \(\d+\)$/), expect.stringMatching(/^Services et algorithmes/)]));
    expect(await page.getByRole('link', { name: 'Turtle' }).count()).toBe(1);
    // How to cite, with the DOI, and the area covered on a small map.
    expect(await page.locator('blockquote').textContent()).toMatch(/https:\/\/doi\.org\/10\./);
    expect(await page.getByRole('img', { name: 'Zone couverte par les données' }).count()).toBe(1);
    // schema.org for search engines, in the head.
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!) as Record<string, unknown>;
    expect(jsonLd).toMatchObject({ '@context': 'https://schema.org/', '@type': 'Dataset' });
    await shot('04-dataset-fr');
    expect(await seriousFindings(page)).toEqual([]);
    const datasetUrl = page.url();
    const publicationsTab = page.getByRole('tab', { name: /^Publications/ });
    const panel = await openTab(page, /^Publications/);
    expect(await publicationsTab.getAttribute('aria-selected')).toBe('true');
    await shot('04b-dataset-publications-tab');
    const publications = panel.getByRole('link');
    if ((await publications.count()) > 0) {
      await publications.first().click();
      await page.waitForURL((url) => url.href !== datasetUrl);
      await shot('05-linked-publication');
      await page.goBack();
      expect(page.url()).toBe(datasetUrl);
    }
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/\/en\/resource\?iri=/);
    expect(await page.getByRole('tab', { name: 'FAIR score' }).count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await shot('06-dataset-en');
    expect(await seriousFindings(page)).toEqual([]);
    // The choice is remembered: the home page now opens in English.
    await page.goto(`${server.url}/`);
    expect(new URL(page.url()).pathname).toBe('/en/');
  });

  it('shows every tab of a dataset one after the other when scripts do not run', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const tab = await context.newPage();
    await tab.goto(`${server.url}/fr/recherche?q=observations&type=dataset`);
    await tab.getByRole('main').getByRole('heading', { level: 3 }).first().getByRole('link').click();
    await tab.waitForURL(/\/fr\/ressource\?iri=/);
    for (const name of ['Description', 'Score FAIR', 'Publications scientifiques', 'Services et algorithmes']) {
      expect(await tab.getByRole('heading', { level: 2, name: new RegExp(`^${name}`) }).isVisible(), name).toBe(true);
    }
    await context.close();
  });

  it('draws a box on the map and gets only datasets whose area meets it', async () => {
    await page.goto(`${server.url}/fr/recherche?type=dataset`);
    await page.getByText('Chercher sur la carte').first().click();
    const map = page.locator('#search-map');
    await map.waitFor({ state: 'visible' });
    await page.waitForFunction(() => (window as unknown as { searchMap?: unknown }).searchMap !== undefined);
    await page.getByRole('button', { name: 'Dessiner une zone' }).click();
    // Measured after the click, which may have scrolled the page.
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    // A box around metropolitan France, found on screen through the map's own projection.
    const corner = (lat: number, lng: number) =>
      page.evaluate(([la, ln]) => (window as unknown as { searchMap: { latLngToContainerPoint: (p: [number, number]) => { x: number; y: number } } }).searchMap.latLngToContainerPoint([la!, ln!]), [lat, lng]);
    const from = await corner(51.5, -5.5);
    const to = await corner(42, 8.5);
    await page.mouse.move(box.x + from.x, box.y + from.y);
    await page.mouse.down();
    await page.mouse.move(box.x + to.x, box.y + to.y, { steps: 5 });
    await page.mouse.up();
    const west = Number(await page.getByLabel('Ouest (longitude)', { exact: true }).inputValue());
    const east = Number(await page.getByLabel('Est (longitude)', { exact: true }).inputValue());
    const south = Number(await page.getByLabel('Sud (latitude)', { exact: true }).inputValue());
    const north = Number(await page.getByLabel('Nord (latitude)', { exact: true }).inputValue());
    expect(west).toBeLessThan(east);
    expect(south).toBeLessThan(north);
    await shot('09-map-drawn');
    await page.getByRole('button', { name: 'Chercher dans cette zone' }).click();
    await page.waitForURL(/west=/);
    const count = Number((await page.getByRole('status').textContent())!.replace(/\D/g, ''));
    expect(count).toBeGreaterThan(0);
    // Every result shown has an area that meets the box (read back through the API).
    const iris = await page.getByRole('main').getByRole('heading', { level: 3 }).getByRole('link').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).searchParams.get('iri')));
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Dataset { spatialCoverage { west south east north } } } }', variables: { ids: iris } }) });
    const nodes = ((await response.json()) as { data: { nodes: Array<{ spatialCoverage: Array<{ west: number; south: number; east: number; north: number }> }> } }).data.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) expect(node.spatialCoverage.some((c) => c.west <= east && c.east >= west && c.south <= north && c.north >= south)).toBe(true);
    // The area is a chip that takes it away.
    expect(await page.getByRole('link', { name: /^Retirer le filtre « Zone/ }).count()).toBe(1);
    await shot('10-map-results');
    expect(await seriousFindings(page)).toEqual([]);
  });

  it('narrows by a sub-theme in the theme tree, by organisation and by the period covered', async () => {
    await page.goto(`${server.url}/fr/recherche?type=dataset`);
    const total = Number((await page.getByRole('status').textContent())!.replace(/\D/g, ''));
    // Sub-themes are nested under their theme.
    const nested = page.locator('#facet-theme .facet-tree .facet-tree input[type=checkbox]').first();
    const subTheme = (await nested.getAttribute('value'))!;
    await nested.check({ force: true });
    await page.locator('#facet-organisation input[type=checkbox]').first().check({ force: true });
    await page.getByLabel('Début').fill('2010');
    await page.getByLabel('Fin').fill('2014');
    await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
    await page.waitForURL(/from=2010/);
    const url = new URL(page.url());
    expect(url.searchParams.get('theme')).toBe(subTheme);
    expect(url.searchParams.get('organisation')).toMatch(/^https:/);
    expect(url.searchParams.get('to')).toBe('2014');
    const narrowed = Number((await page.getByRole('status').textContent())!.replace(/\D/g, ''));
    expect(narrowed).toBeLessThan(total);
    await shot('11-facets-tree-organisation-period');
  });

  it('opens an organisation\'s page with what it produced per kind, repository and year', async () => {
    await page.goto(`${server.url}/fr/recherche`);
    const organisation = (await page.locator('#facet-organisation input[type=checkbox]').first().getAttribute('value'))!;
    await page.goto(`${server.url}/fr/organisation?iri=${encodeURIComponent(organisation)}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/\S/);
    for (const caption of ['Par type', 'Par entrepôt', 'Par année']) expect(await page.getByRole('table', { name: caption }).count()).toBe(1);
    await shot('12-organisation');
    expect(await seriousFindings(page)).toEqual([]);
    // Its total is the search of everything it produced.
    const kinds = await page.getByRole('table', { name: 'Par type' }).locator('tbody tr td:last-child').allTextContents();
    const sum = kinds.reduce((n, text) => n + Number(text.replace(/\D/g, '')), 0);
    await page.getByRole('link', { name: 'Voir toutes ses productions' }).click();
    await page.waitForURL(/organisation=/);
    expect(Number((await page.getByRole('status').textContent())!.replace(/\D/g, ''))).toBe(sum);
  });

  it('browses the thesaurus: the tree, a search, a concept with its mappings', async () => {
    await page.goto(`${server.url}/fr/thesaurus`);
    expect(await page.getByRole('heading', { name: 'Concepts de tête' }).count()).toBe(1);
    await shot('13-thesaurus');
    expect(await seriousFindings(page)).toEqual([]);
    await page.getByRole('searchbox', { name: 'Chercher un concept' }).fill('aérosol');
    await page.getByRole('searchbox', { name: 'Chercher un concept' }).press('Enter');
    await page.waitForURL(/thesaurus\?q=/);
    await page.getByRole('main').getByRole('link', { name: 'Aérosols', exact: true }).first().click();
    await page.waitForURL(/theme\?iri=/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Aérosols');
    expect(await page.getByText('Correspondances avec d’autres vocabulaires').count()).toBe(1);
    await shot('14-concept');
  });

  it('opens GraphiQL and the SPARQL query page with nothing loaded from outside the service', async () => {
    const outside: string[] = [];
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.route('**/*', (route) => (new URL(route.request().url()).origin === server.url ? route.continue() : (outside.push(route.request().url()), route.abort())));
    await tab.goto(`${server.url}/graphql`, { headers: { accept: 'text/html' } } as never);
    await tab.waitForSelector('.graphiql-container', { timeout: 20_000 });
    await tab.screenshot({ path: path.join(shots, '08-graphiql.png') });
    await tab.goto(`${server.url}/sparql`);
    expect(await tab.getByRole('button').count()).toBeGreaterThan(0);
    expect(outside).toEqual([]);
    await context.close();
  });

  it('opens a theme, then one of its sub-themes', async () => {
    await page.goto(`${server.url}/en/theme?iri=${encodeURIComponent('https://w3id.org/maillage/thesaurus/atmosphere')}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Atmosphere');
    await shot('07-theme-atmosphere');
    expect(await seriousFindings(page)).toEqual([]);
    await page.getByRole('link', { name: 'Aerosols' }).first().click();
    await page.waitForURL(/aerosols/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Aerosols');
  });
});
