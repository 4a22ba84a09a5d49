// The bundled thesaurus holds together: qSKOS-style checks on the shipped file, its Earth-system
// branch as the catalogue needs it, and its GEMET mappings pointing at concepts that exist.
import { readFileSync } from 'node:fs';
import { Parser, Store, type Term } from 'n3';
import { describe, expect, it } from 'vitest';
import { sharedDataMissing, sharedFile } from '../support/shared-data.js';

const skos = (local: string) => `http://www.w3.org/2004/02/skos/core#${local}`;
const scheme = 'https://w3id.org/maillage/thesaurus/';
const store = new Store(new Parser({ format: 'Turtle' }).parse(readFileSync('vocabularies/maillage-thesaurus.ttl', 'utf8')));
const conceptSet = new Set(store.getSubjects('http://www.w3.org/1999/02/22-rdf-syntax-ns#type', skos('Concept'), null).map((t) => t.value));
const labels = (concept: string, property: string, lang: string) =>
  store.getObjects(concept, skos(property), null).filter((o) => (o as Term & { language: string }).language === lang).map((o) => o.value);
const ancestors = (concept: string, seen = new Set<string>()): Set<string> => {
  for (const parent of store.getObjects(concept, skos('broader'), null)) {
    if (seen.has(parent.value)) continue;
    seen.add(parent.value);
    ancestors(parent.value, seen);
  }
  return seen;
};

describe('bundled thesaurus (vocabularies/maillage-thesaurus.ttl)', () => {
  it('has every concept in the scheme, with exactly one French and one English preferred label', () => {
    expect(conceptSet.size).toBeGreaterThanOrEqual(90);
    for (const concept of conceptSet) {
      expect(store.has(store.getQuads(concept, skos('inScheme'), scheme, null)[0]!), concept).toBe(true);
      expect([labels(concept, 'prefLabel', 'fr').length, labels(concept, 'prefLabel', 'en').length], concept).toEqual([1, 1]);
    }
  });

  it('has no duplicate preferred labels, and no alternative label clashing with a preferred one', () => {
    for (const lang of ['fr', 'en']) {
      const preferred = [...conceptSet].flatMap((c) => labels(c, 'prefLabel', lang).map((l) => l.toLowerCase()));
      expect(new Set(preferred).size, `duplicate ${lang} prefLabels`).toBe(preferred.length);
      for (const concept of conceptSet) {
        for (const alt of labels(concept, 'altLabel', lang)) {
          const clash = [...conceptSet].find((other) => labels(other, 'prefLabel', lang).some((p) => p.toLowerCase() === alt.toLowerCase()) && other !== concept);
          expect(clash, `${concept} altLabel "${alt}"@${lang} is ${clash}'s prefLabel`).toBeUndefined();
        }
      }
    }
  });

  it('has a hierarchy without cycles or dangling references, rooted in its top concepts', () => {
    const tops = new Set(store.getObjects(scheme, skos('hasTopConcept'), null).map((t) => t.value));
    expect(tops.size).toBe(6);
    for (const concept of conceptSet) {
      const parents = store.getObjects(concept, skos('broader'), null).map((t) => t.value);
      for (const target of [...parents, ...store.getObjects(concept, skos('related'), null).map((t) => t.value)]) expect(conceptSet.has(target), `${concept} → ${target}`).toBe(true);
      expect(ancestors(concept).has(concept), `${concept} is its own ancestor`).toBe(false);
      if (!tops.has(concept)) expect(parents.length, `${concept} has no broader concept`).toBeGreaterThan(0);
      for (const related of store.getObjects(concept, skos('related'), null)) {
        expect(ancestors(concept).has(related.value) || ancestors(related.value).has(concept), `${concept} related to its own ancestor or descendant`).toBe(false);
      }
    }
  });

  it('works out the Earth-system branch the catalogue starts with', () => {
    const byLabel = (label: string) => [...conceptSet].find((c) => labels(c, 'prefLabel', 'fr')[0] === label)!;
    const earth = byLabel('Système Terre');
    const children = (concept: string) => store.getSubjects(skos('broader'), concept, null).map((t) => labels(t.value, 'prefLabel', 'fr')[0]);
    expect(children(earth).sort()).toEqual(['Agro-environnement', 'Atmosphère', 'Biodiversité', 'Climat', 'Océans', 'Surfaces continentales', 'Terre solide']);
    expect(children(byLabel('Atmosphère')).sort()).toEqual(
      [
        'Aérosols',
        "Qualité de l'air",
        'Chimie atmosphérique',
        'Pression atmosphérique',
        'Rayonnement atmosphérique',
        'Température atmosphérique',
        "Vapeur d'eau atmosphérique",
        'Vents atmosphériques',
        'Nuages',
        'Précipitations',
        'Événements météorologiques',
      ].sort(),
    );
    expect(ancestors(earth).has(`${scheme}natural-sciences`)).toBe(true);
    for (const concept of [earth, ...store.getSubjects(skos('broader'), earth, null).map((t) => t.value)]) {
      expect([labels(concept, 'definition', 'fr').length, labels(concept, 'definition', 'en').length], concept).toEqual([1, 1]);
    }
  });

  it.skipIf(sharedDataMissing !== null)(`maps only to GEMET concepts that exist${sharedDataMissing ? ` (skipped: ${sharedDataMissing})` : ''}`, () => {
    const gemet = sharedFile('skos-thesauri/gemet/thesauri/gemet-fr.rdf');
    const targets = ['exactMatch', 'closeMatch']
      .flatMap((p) => store.getObjects(null, skos(p), null))
      .map((t) => t.value)
      .filter((iri) => iri.startsWith('http://www.eionet.europa.eu/gemet/concept/'));
    expect(targets.length).toBeGreaterThan(20);
    for (const iri of targets) expect(gemet.includes(`"${iri}"`), `${iri} is not a GEMET concept`).toBe(true);
  });
});

describe('bundled thesaurus in the service', () => {
  it('is in its own graph after start, and is not reloaded when it is current', async () => {
    const { temporaryDataDir } = await import('../support/embedded-store.js');
    const { spawnService } = await import('../support/service.js');
    const data = temporaryDataDir('thesaurus');
    try {
      for (const expected of ['bundled thesaurus loaded', null]) {
        const service = await spawnService(data.dir, { BUNDLED_THESAURUS: 'true' });
        const graph = await fetch(`${service.url}/rdf-graph-store?graph=${encodeURIComponent(scheme)}`, { headers: { accept: 'application/n-triples' } });
        expect(graph.status).toBe(200);
        const body = await graph.text();
        expect(body).toContain(`<${scheme}aerosols> <${skos('prefLabel')}> "Aérosols"@fr .`);
        expect(body.trim().split('\n')).toHaveLength(store.size);
        service.child.kill('SIGTERM');
        await service.exited;
        if (expected) expect(service.logs()).toContain(expected);
        else expect(service.logs()).not.toContain('bundled thesaurus loaded');
      }
    } finally {
      data.remove();
    }
  });
});
