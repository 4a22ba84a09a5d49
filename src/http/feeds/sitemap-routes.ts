// Owns /sitemap.xml (sitemaps.org 0.9): the landing page of every published resource, so search
// engines (Google Dataset Search among them) find them. Past 50,000 URLs it becomes a sitemap index
// of /sitemap-N.xml files, as the protocol limits one file to that many.
import { publicOrigin } from '../public-origin.js';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { create } from 'xmlbuilder2';
import { NotFoundError } from '../../errors/index.js';
import type { PublishedItems } from '../../records/index.js';
import { localHref } from '../linked-data/linked-data-routes.js';

const sitemapNamespace = 'http://www.sitemaps.org/schemas/sitemap/0.9';
export const urlsPerSitemap = 50_000;

export function sitemapRoutes(items: PublishedItems, iriBase: string): Hono {
  const href = localHref(iriBase);
  const xml = (c: Context, body: string) => c.body(body, 200, { 'content-type': 'application/xml; charset=utf-8' });

  function urlset(c: Context, part: number): Response {
    const origin = publicOrigin(c);
    const set = create({ version: '1.0', encoding: 'UTF-8' }).ele(sitemapNamespace, 'urlset');
    for (const { resource, modified } of items.resources(urlsPerSitemap, part * urlsPerSitemap)) {
      const page = href(resource);
      set.ele('url').ele('loc').txt(page.startsWith('/') ? origin + page : page).up().ele('lastmod').txt(modified.slice(0, 10));
    }
    return xml(c, set.end());
  }

  return new Hono()
    .get('/sitemap.xml', (c) => {
      const total = items.resourceCount();
      if (total <= urlsPerSitemap) return urlset(c, 0);
      const origin = publicOrigin(c);
      const index = create({ version: '1.0', encoding: 'UTF-8' }).ele(sitemapNamespace, 'sitemapindex');
      for (let part = 0; part * urlsPerSitemap < total; part += 1) index.ele('sitemap').ele('loc').txt(`${origin}/sitemap-${part + 1}.xml`);
      return xml(c, index.end());
    })
    .get('/:file{sitemap-[0-9]+\\.xml}', (c) => {
      const part = Number(/\d+/.exec(c.req.param('file'))![0]) - 1;
      if (part < 0 || part * urlsPerSitemap >= items.resourceCount()) throw new NotFoundError(`No ${c.req.param('file')}`);
      return urlset(c, part);
    });
}
