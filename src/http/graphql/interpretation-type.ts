// Owns the GraphQL shape of a query's interpretation (search with interpret: true): the themes,
// places (with their boxes) and period read from the words, and the words left to search as text,
// so a front-end can show each part as a filter the user can remove.
import { labelIn } from '../../thesaurus/index.js';
import type { Interpretation, InterpretedPlace, InterpretedTheme } from '../../search/interpret/index.js';
import { ConceptRef } from './resource-types.js';
import { builder, Lang } from './schema-builder.js';

const BoxRef = builder.objectRef<{ west: number; south: number; east: number; north: number }>('Box');
BoxRef.implement({
  description: 'A bounding box in WGS 84 degrees; west > east crosses the antimeridian.',
  fields: (t) => ({ west: t.exposeFloat('west'), south: t.exposeFloat('south'), east: t.exposeFloat('east'), north: t.exposeFloat('north') }),
});

const ThemeRef = builder.objectRef<InterpretedTheme>('InterpretedTheme');
ThemeRef.implement({
  fields: (t) => ({
    iri: t.id({ resolve: (theme) => theme.iri }),
    label: t.string({ nullable: true, args: { lang: t.arg({ type: Lang, defaultValue: 'en' }) }, resolve: (theme, { lang }) => labelIn(theme.scheme.concepts.get(theme.iri)?.prefLabel ?? {}, lang ?? 'en') ?? null }),
    concept: t.field({ type: ConceptRef, nullable: true, resolve: (theme) => (theme.scheme.concepts.get(theme.iri) ? { concept: theme.scheme.concepts.get(theme.iri)!, scheme: theme.scheme } : null) }),
    text: t.string({ description: 'The words of the query that name it.', resolve: (theme) => theme.text }),
  }),
});

const PlaceRef = builder.objectRef<InterpretedPlace>('InterpretedPlace');
PlaceRef.implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    kind: t.string({ description: 'ocean, sea, polar, range, basin, region, continent, country, departement, commune, city...', resolve: (p) => p.kind }),
    country: t.string({ nullable: true, description: 'ISO 3166 alpha-3 code of its country.', resolve: (p) => p.country }),
    bbox: t.field({ type: BoxRef, resolve: (p) => ({ west: p.bbox[0], south: p.bbox[1], east: p.bbox[2], north: p.bbox[3] }) }),
    text: t.string({ description: 'The words of the query that name it.', resolve: (p) => p.text }),
    alternatives: t.int({ description: 'How many other places the name may mean (the most likely was chosen: France first, then population).', resolve: (p) => p.alternatives }),
  }),
});

export const InterpretationRef = builder.objectRef<Interpretation>('Interpretation');
InterpretationRef.implement({
  description: 'What search(interpret: true) read in the text; its lists are as long as the text names things (500 characters at most).',
  fields: (t) => ({
    themes: t.field({ type: [ThemeRef], complexity: { field: 1, multiplier: 5 }, resolve: (i) => i.themes }),
    places: t.field({ type: [PlaceRef], complexity: { field: 1, multiplier: 5 }, resolve: (i) => i.places }),
    temporalFrom: t.string({ nullable: true, resolve: (i) => i.temporalFrom }),
    temporalTo: t.string({ nullable: true, resolve: (i) => i.temporalTo }),
    periodTexts: t.stringList({ description: 'The words of the query that name the period (one entry per period read).', resolve: (i) => i.periodTexts }),
    remainingText: t.string({ description: 'The words searched as text.', resolve: (i) => i.remainingText }),
  }),
});
