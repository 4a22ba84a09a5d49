// Owns serving the design system's files (@gouvfr/dsfr's dist/: CSS, fonts, icons, its small script)
// and Leaflet's from the installed packages, and the catalogue's own scripts (web-assets/), so the pages need nothing from the internet. Only files under that
// folder are served; they are immutable for a package version, so browsers may keep them a day.
import { readFile } from 'node:fs/promises';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Hono, type Context } from 'hono';

const require = createRequire(import.meta.url);
const dsfrDist = path.join(path.dirname(require.resolve('@gouvfr/dsfr/package.json')), 'dist');
/** Leaflet, for the search map (loaded only when a visitor opens it). */
const leafletDist = path.join(path.dirname(require.resolve('leaflet/package.json')), 'dist');
/** The catalogue's own small scripts (progressive enhancement), shipped with the package. */
const ownAssets = new URL('../../web-assets/', import.meta.url).pathname.replace(/\/$/, '');

const types: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

const compressible = new Set(['.css', '.js', '.svg']);
const gzipped = promisify(gzip);

export function staticAssetRoutes(): Hono {
  // The design system's stylesheet is 700 kB, 90 kB gzipped: compressed once, then served from memory.
  const compressed = new Map<string, Promise<Buffer>>();
  const serve = (prefix: string, root: string) => async (c: Context) => {
    const relative = decodeURIComponent(c.req.path.slice(prefix.length));
    const file = path.resolve(root, relative);
    const type = types[path.extname(file)];
    // Nothing outside the folder, and only the kinds of file a page loads.
    if (!file.startsWith(root + path.sep) || !type) return c.notFound();
    try {
      const headers = { 'content-type': type, 'cache-control': 'public, max-age=86400', vary: 'Accept-Encoding' };
      if (compressible.has(path.extname(file)) && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
        if (!compressed.has(file)) compressed.set(file, readFile(file).then((raw) => gzipped(raw, { level: 9 })));
        return c.body(new Uint8Array(await compressed.get(file)!), 200, { ...headers, 'content-encoding': 'gzip' });
      }
      return c.body(await readFile(file), 200, headers);
    } catch {
      compressed.delete(file);
      return c.notFound();
    }
  };
  // The land outline the map draws under a search's place (built at `npm run build`), as one SVG.
  let worldSvg: Promise<{ raw: Uint8Array<ArrayBuffer>; gz: Uint8Array<ArrayBuffer> }> | null = null;
  const world = async (c: Context) => {
    worldSvg ??= readFile(new URL('../../dist/world-outline.json', import.meta.url), 'utf8').then(async (json) => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-180 -90 360 180"><path fill="#cacafb" stroke="#ffffff" stroke-width="0.15" d="${(JSON.parse(json) as { path: string }).path}"/></svg>`;
      return { raw: new TextEncoder().encode(svg), gz: new Uint8Array(await gzipped(svg, { level: 9 })) };
    });
    try {
      const { raw, gz } = await worldSvg;
      const headers = { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400', vary: 'Accept-Encoding' };
      return /\bgzip\b/.test(c.req.header('accept-encoding') ?? '') ? c.body(gz, 200, { ...headers, 'content-encoding': 'gzip' }) : c.body(raw, 200, headers);
    } catch {
      worldSvg = null;
      return c.notFound();
    }
  };
  return new Hono().get('/static/dsfr/*', serve('/static/dsfr/', dsfrDist)).get('/static/web/*', serve('/static/web/', ownAssets)).get('/static/leaflet/*', serve('/static/leaflet/', leafletDist)).get('/static/map/world.svg', world);
}
