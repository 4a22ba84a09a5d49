// Owns the gazetteer the query interpreter looks places up in: every name folded (accents, case,
// hyphens and apostrophes ignored) to the places it may mean. Read from dist/gazetteer.json, which
// `npm run build` writes (gazetteer-build.ts); built in place when that file is missing.
import { existsSync, readFileSync } from 'node:fs';
import { buildGazetteer } from './gazetteer-build.js';

/** West, south, east, north in WGS 84 degrees. */
export type BBox = [number, number, number, number];
export type PlaceKind = 'ocean' | 'sea' | 'polar' | 'island' | 'range' | 'basin' | 'region' | 'continent' | 'coast' | 'country' | 'departement' | 'commune' | 'city';

export interface GazetteerPlace {
  label: string;
  names: string[];
  kind: PlaceKind;
  bbox: BBox;
  population: number;
  /** ISO 3166 alpha-3 code of its country (null for seas, ranges...). */
  country: string | null;
}

export const gazetteerFile = new URL('../../../dist/gazetteer.json', import.meta.url);
export const worldOutlineFile = new URL('../../../dist/world-outline.json', import.meta.url);

export const foldName = (text: string) => text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[-'’]/g, ' ').replace(/\s+/g, ' ').trim();

export class Gazetteer {
  private readonly byName = new Map<string, GazetteerPlace[]>();
  /** Longest name, in words: how far the interpreter looks ahead. */
  readonly longestName: number;

  constructor(readonly places: GazetteerPlace[]) {
    let longest = 1;
    for (const place of places) {
      for (const name of place.names) {
        const key = foldName(name);
        if (!key) continue;
        const list = this.byName.get(key);
        if (list) {
          if (!list.includes(place)) list.push(place);
        } else this.byName.set(key, [place]);
        longest = Math.max(longest, key.split(' ').length);
      }
    }
    this.longestName = Math.min(longest, 6);
  }

  static load(): Gazetteer {
    const places = existsSync(gazetteerFile) ? (JSON.parse(readFileSync(gazetteerFile, 'utf8')) as { places: GazetteerPlace[] }).places : buildGazetteer();
    return new Gazetteer(places);
  }

  /** The places a folded name may mean. */
  lookup(folded: string): GazetteerPlace[] {
    return this.byName.get(folded) ?? [];
  }
}
