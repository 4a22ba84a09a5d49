// Generates DataCite REST records with the variety real repositories show (one to six creators,
// with or without ORCID and ROR affiliations, subjects with and without concept IRIs, optional
// geolocation, licences known and unknown, zero to five related identifiers, funding or not),
// seeded so every run validates the same records.
import { orcidOf, rorOf } from '../src/demo/demo-catalogue.js';
import { seededRandom } from '../src/demo/seeded-random.js';
import type { RecordToDerive } from '../src/derive/index.js';

const types = ['Dataset', 'Dataset', 'Dataset', 'Dataset', 'Software', 'Collection', 'Image', 'Text'];
const relations = ['IsCitedBy', 'IsSupplementTo', 'IsSupplementedBy', 'References', 'IsPartOf', 'HasVersion', 'IsDerivedFrom', 'IsDocumentedBy'];
const licences = [
  { rights: 'CC BY 4.0', rightsUri: 'https://creativecommons.org/licenses/by/4.0/', rightsIdentifier: 'cc-by-4.0' },
  { rights: 'Licence Ouverte 2.0', rightsUri: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/', rightsIdentifier: 'etalab-2.0' },
  { rights: 'CC0', rightsUri: 'https://creativecommons.org/publicdomain/zero/1.0/' },
  { rights: 'Custom terms of use' },
];

export function dataciteRecords(count: number): RecordToDerive[] {
  const random = seededRandom(4242);
  const int = (n: number) => Math.floor(random() * n);
  return Array.from({ length: count }, (_, n) => {
    const doi = `10.57745/bench-${n}`;
    const creators = Array.from({ length: 1 + int(6) }, () => {
      const person = int(5000);
      return {
        name: `Nom${person}, Prénom${person}`,
        nameType: 'Personal',
        givenName: `Prénom${person}`,
        familyName: `Nom${person}`,
        nameIdentifiers: random() < 0.6 ? [{ nameIdentifier: orcidOf(person), nameIdentifierScheme: 'ORCID' }] : [],
        affiliation: random() < 0.7 ? [{ name: `Laboratoire ${person % 300}`, affiliationIdentifier: rorOf(person % 300), affiliationIdentifierScheme: 'ROR' }] : [],
      };
    });
    const year = 2005 + int(20);
    const attributes = {
      doi,
      url: `https://entrepot.recherche.data.gouv.fr/dataset.xhtml?persistentId=doi:${doi}`,
      types: { resourceTypeGeneral: types[int(types.length)] },
      titles: [{ title: `Jeu de données ${n}`, lang: 'fr' }, ...(random() < 0.5 ? [{ title: `Dataset ${n}`, lang: 'en', titleType: 'TranslatedTitle' }] : [])],
      descriptions: random() < 0.9 ? [{ description: `Description du jeu de données ${n}.`, descriptionType: 'Abstract', lang: 'fr' }] : [],
      creators,
      publisher: 'Recherche Data Gouv',
      publicationYear: year,
      subjects: Array.from({ length: int(6) }, (_, s) => (random() < 0.4 ? { subject: `Concept ${s}`, subjectScheme: 'GEMET', valueUri: `http://www.eionet.europa.eu/gemet/concept/${100 + int(900)}`, lang: 'en' } : { subject: `mot-clé ${int(200)}`, lang: 'fr' })),
      dates: [{ date: `${year}-0${1 + int(9)}-1${int(9)}`, dateType: 'Updated' }, ...(random() < 0.5 ? [{ date: `${year - 1}-01-01/${year - 1}-12-31`, dateType: 'Collected' }] : [])],
      language: random() < 0.8 ? 'fr' : 'en',
      rightsList: [licences[int(licences.length)], ...(random() < 0.7 ? [{ rights: 'Open Access', rightsUri: 'info:eu-repo/semantics/openAccess' }] : [])],
      geoLocations: random() < 0.4 ? [{ geoLocationPlace: 'Brest', geoLocationBox: { westBoundLongitude: -5.1, eastBoundLongitude: -4.1, southBoundLatitude: 48.1, northBoundLatitude: 48.6 } }] : [],
      relatedIdentifiers: Array.from({ length: int(6) }, () => ({ relatedIdentifier: `10.5555/rel-${int(100000)}`, relatedIdentifierType: 'DOI', relationType: relations[int(relations.length)] })),
      fundingReferences: random() < 0.4 ? [{ funderName: 'Agence Nationale de la Recherche', funderIdentifier: rorOf(0), funderIdentifierType: 'ROR', awardNumber: `ANR-${int(999)}` }] : [],
      version: String(1 + int(3)),
      updated: `${year}-06-01T00:00:00Z`,
    };
    const content = JSON.stringify({ id: doi, type: 'dois', attributes });
    return { source: 'bench', id: doi, format: 'datacite-json', content, datestamp: attributes.updated, harvestedAt: '2026-11-22T00:00:00Z', checksum: String(n), deleted: false };
  });
}
