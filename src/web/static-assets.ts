// Owns serving the design system's files (@gouvfr/dsfr's dist/: CSS, fonts, icons, its small script)
// from the installed package, so the pages need nothing from the internet. Only files under that
// folder are served; they are immutable for a package version, so browsers may keep them a day.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Hono } from 'hono';

const require = createRequire(import.meta.url);
const dsfrDist = path.join(path.dirname(require.resolve('@gouvfr/dsfr/package.json')), 'dist');

const types: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export function staticAssetRoutes(): Hono {
  return new Hono().get('/static/dsfr/*', async (c) => {
    const relative = decodeURIComponent(c.req.path.slice('/static/dsfr/'.length));
    const file = path.resolve(dsfrDist, relative);
    const type = types[path.extname(file)];
    // Nothing outside the package's dist/ folder, and only the kinds of file a page loads.
    if (!file.startsWith(dsfrDist + path.sep) || !type) return c.notFound();
    try {
      return c.body(await readFile(file), 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
    } catch {
      return c.notFound();
    }
  });
}
