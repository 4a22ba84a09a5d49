// Owns the small map of a search's place: the land outline (built from world-countries, served from
// the package) framed around the place, with its bounding box drawn over it. Drawn by the server as
// SVG, so it needs neither JavaScript nor a tile server.
import { html } from 'hono/html';
import type { PageContext } from '../page-context.js';

export interface MappedPlace {
  name: string;
  bbox: { west: number; south: number; east: number; north: number };
}

export function placeMap(page: PageContext, places: MappedPlace[], caption?: string) {
  if (places.length === 0) return '';
  const crosses = places.some((p) => p.bbox.west > p.bbox.east);
  const west = crosses ? -180 : Math.min(...places.map((p) => p.bbox.west));
  const east = crosses ? 180 : Math.max(...places.map((p) => p.bbox.east));
  const south = Math.min(...places.map((p) => p.bbox.south));
  const north = Math.max(...places.map((p) => p.bbox.north));
  // Framed with room around the place, so where it lies can be seen.
  const pad = Math.max(4, 0.6 * Math.max(east - west, north - south));
  const x = Math.max(-180, west - pad);
  const y = Math.max(-90, -north - pad);
  const w = Math.min(180, east + pad) - x;
  const h = Math.min(90, -south + pad) - y;
  const names = places.map((p) => p.name).join(', ');
  const title = caption ?? page.t('mapCaption', { names });
  return html`<figure class="fr-content-media fr-my-2w" role="group" aria-label="${title}">
    <svg role="img" aria-labelledby="place-map-title" viewBox="${x.toFixed(2)} ${y.toFixed(2)} ${w.toFixed(2)} ${h.toFixed(2)}" width="100%" height="220" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">
      <title id="place-map-title">${title}</title>
      <rect x="-180" y="-90" width="360" height="180" fill="#f5f5fe" />
      <image href="/static/map/world.svg" x="-180" y="-90" width="360" height="180" />
      ${places.map((p) => (p.bbox.west > p.bbox.east ? html`<rect x="-180" y="${-p.bbox.north}" width="360" height="${p.bbox.north - p.bbox.south}" fill="#000091" fill-opacity="0.2" stroke="#000091" stroke-width="2" vector-effect="non-scaling-stroke" />` : html`<rect x="${p.bbox.west}" y="${-p.bbox.north}" width="${p.bbox.east - p.bbox.west}" height="${p.bbox.north - p.bbox.south}" fill="#000091" fill-opacity="0.2" stroke="#000091" stroke-width="2" vector-effect="non-scaling-stroke" />`))}
    </svg>
    <figcaption class="fr-content-media__caption">${title}</figcaption>
  </figure>`;
}
