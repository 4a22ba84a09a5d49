// The catalogue's pages over plain HTTP (no browser): the language a visitor lands in, the page of
// a resource the catalogue does not have, the Atom feed of a search read by an XML parser, and
// the design system's files served from the package and nothing else.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/index.js';
import { startTestServer } from '../support/service.js';

let server: RunningServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'maillage-pages-'));
  server = await startTestServer(dataDir, { DEMO_CATALOGUE: 'true', BUNDLED_THESAURUS: 'true', DERIVE_WORKERS: '2' });
}, 240_000);

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Elements of an XML document as [name, text] pairs, read by a streaming parser. */
function elements(xml: string): Array<{ name: string; attributes: Record<string, string>; text: string }> {
  const parser = new SaxesParser({ xmlns: true });
  const out: Array<{ name: string; attributes: Record<string, string>; text: string }> = [];
  const open: Array<{ name: string; attributes: Record<string, string>; text: string }> = [];
  parser.on('opentag', (tag) => open.push({ name: tag.local, attributes: Object.fromEntries(Object.entries(tag.attributes).map(([k, v]) => [k, typeof v === 'string' ? v : v.value])), text: '' }));
  parser.on('text', (text) => open.at(-1) && (open.at(-1)!.text += text));
  parser.on('closetag', () => out.push(open.pop()!));
  parser.write(xml).close();
  return out;
}

describe('the pages over HTTP', () => {
  it('sends browsers at / to the French home page, and other clients the problem+json they had', async () => {
    const browser = await fetch(`${server.url}/`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(browser.status).toBe(302);
    expect(browser.headers.get('location')).toBe('/fr/');
    const english = await fetch(`${server.url}/`, { headers: { accept: 'text/html', cookie: 'lang=en' }, redirect: 'manual' });
    expect(english.headers.get('location')).toBe('/en/');
    const api = await fetch(`${server.url}/`, { headers: { accept: 'application/json' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers a resource the catalogue does not have with a 404 page in the visitor’s language', async () => {
    const fr = await fetch(`${server.url}/fr/ressource?iri=${encodeURIComponent('https://example.org/nothing')}`);
    expect(fr.status).toBe(404);
    expect(await fr.text()).toContain('Cette ressource n’est pas dans le catalogue.');
    const en = await fetch(`${server.url}/en/resource?iri=${encodeURIComponent('https://example.org/nothing')}`);
    expect(await en.text()).toContain('This resource is not in the catalogue.');
  });

  it('gives a search as an Atom feed whose entries are the search’s resources, newest first', async () => {
    const page = await (await fetch(`${server.url}/fr/recherche?q=${encodeURIComponent('aérosols')}`)).text();
    const feedHref = /<link rel="alternate" type="application\/atom\+xml" title="[^"]*" href="([^"]+)"/.exec(page)?.[1]?.replace(/&amp;/g, '&');
    expect(feedHref).toBe('/fr/recherche.atom?q=a%C3%A9rosols');
    const response = await fetch(`${server.url}${feedHref}`);
    expect(response.headers.get('content-type')).toContain('application/atom+xml');
    const xml = elements(await response.text());
    const entries = xml.filter((e) => e.name === 'entry');
    expect(entries.length).toBeGreaterThan(0);
    const titles = xml.filter((e) => e.name === 'title').map((e) => e.text);
    expect(titles[0]).toBe('Catalogue Recherche Data Gouv : aérosols');
    for (const title of titles.slice(1)) expect(title).toMatch(/a[ée]rosols/i);
    expect(xml.filter((e) => e.name === 'updated').slice(1)).toHaveLength(entries.length);
    // Newest first: the years of publication never go up down the feed.
    const years = xml.filter((e) => e.name === 'published').map((e) => Number(e.text.slice(0, 4)));
    expect(years.length).toBeGreaterThan(0);
    expect([...years].sort((a, b) => b - a)).toEqual(years);
    const links = xml.filter((e) => e.name === 'link' && e.attributes.rel === 'alternate').map((e) => e.attributes.href!);
    expect(links.slice(1).every((href) => href.startsWith(`${server.url}/fr/ressource?iri=`))).toBe(true);
  });

  it('serves the design system from the package, gzipped when asked, and nothing outside it', async () => {
    const css = await fetch(`${server.url}/static/dsfr/dsfr.min.css`, { headers: { 'accept-encoding': 'gzip' } });
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect((await css.text()).length).toBeGreaterThan(100_000);
    for (const escape of ['/static/dsfr/..%2F..%2Fpackage.json', '/static/dsfr/%2E%2E/%2E%2E/%2E%2E/package.json', '/static/web/..%2F..%2Fpackage.json', '/static/dsfr/dsfr.min.css.map']) {
      expect((await fetch(`${server.url}${escape}`)).status, escape).toBe(404);
    }
    const world = await fetch(`${server.url}/static/map/world.svg`);
    expect(world.headers.get('content-type')).toBe('image/svg+xml');
    expect(await world.text()).toMatch(/^<svg [^>]*viewBox="-180 -90 360 180"/);
  });
});
