// Owns the demo catalogue that a fresh `npm start` loads: records the project generates itself
// (seeded, so identical everywhere) in five source formats as their sources serve them — OAI-PMH
// oai_datacite pages, DataCite REST JSON, a CKAN package_search result, HAL search results, ROR
// organisations — linked to each other: datasets cite publications and software, publications
// cite datasets, creators carry ORCIDs, affiliations and funders are ROR organisations, grants
// are projects. They are written as files and taken in by `ingest`, the path real exports take.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seededRandom } from './seeded-random.js';

export interface DemoCatalogueSize {
  datasets: number;
  software: number;
  publications: number;
  portalDatasets: number;
  organisations: number;
}

export const defaultDemoSize: DemoCatalogueSize = { datasets: 500, software: 120, publications: 250, portalDatasets: 120, organisations: 40 };

// Each theme in French and English, and the GEMET concept a depositor would pick for it (a subject
// with a value URI, which keyword alignment follows through the thesaurus's SKOS mappings).
const themes = [
  ['Aérosols', 'Aerosols', 157],
  ["Qualité de l'air", 'Air quality', 270],
  ['Chimie atmosphérique', 'Atmospheric chemistry', null],
  ['Précipitations', 'Precipitation', null],
  ['Nuages', 'Clouds', 1491],
  ['Océans', 'Oceans', 5789],
  ['Climat', 'Climate', 1462],
  ['Biodiversité', 'Biodiversity', null],
  ['Terre solide', 'Solid Earth', 2400],
  ['Surfaces continentales', 'Continental surfaces', null],
  ['Agro-environnement', 'Agro-environment', 232],
  ['Vents atmosphériques', 'Atmospheric winds', 9327],
] as const;
// Each place with the area it covers (west, south, east, north), so a record's box is where its
// title says: a dataset "à Guyane" on a map of France misleads the reader.
const placeAreas: Record<string, readonly [number, number, number, number]> = {
  'Puy de Dôme': [2.6, 45.4, 3.3, 46.2],
  Lannemezan: [0.2, 43.0, 0.6, 43.2],
  Brest: [-4.7, 48.3, -4.3, 48.5],
  Grenoble: [5.6, 45.1, 5.9, 45.3],
  Toulouse: [1.3, 43.5, 1.6, 43.7],
  Guyane: [-54.6, 2.1, -51.6, 5.8],
  Kerguelen: [68.7, -50.0, 70.6, -48.6],
  'Dumont d’Urville': [139.9, -66.7, 140.1, -66.6],
  Camargue: [4.2, 43.3, 4.9, 43.7],
  Montpellier: [3.8, 43.5, 4.0, 43.7],
};
const places = Object.keys(placeAreas);
const families = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel'];
const givens = ['Camille', 'Léa', 'Hugo', 'Chloé', 'Lucas', 'Manon', 'Jules', 'Inès', 'Louis', 'Zoé'];
const licences = [
  ['CC-BY-4.0', 'https://creativecommons.org/licenses/by/4.0/'],
  ['etalab-2.0', 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/'],
  ['CC0-1.0', 'https://creativecommons.org/publicdomain/zero/1.0/'],
] as const;

const escapeXml = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An ORCID with a valid ISO 7064 MOD 11-2 check digit. */
export function orcidOf(n: number): string {
  const base = `000000021${String(n).padStart(6, '0')}`;
  let total = 0;
  for (const digit of base) total = (total + Number(digit)) * 2;
  const check = (12 - (total % 11)) % 11;
  const digits = base + (check === 10 ? 'X' : String(check));
  return `https://orcid.org/${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8, 12)}-${digits.slice(12)}`;
}

/** A ROR id in ROR's shape: 0, six Crockford base-32 characters, two ISO 7064 MOD 97-10 check digits. */
export function rorOf(n: number): string {
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  const number = 100000 + n * 7919;
  let body = '';
  for (let value = number, i = 0; i < 6; i += 1, value = Math.floor(value / 32)) body = alphabet[value % 32]! + body;
  const check = String(98 - ((number * 100) % 97)).padStart(2, '0');
  return `https://ror.org/0${body}${check}`;
}

export const demoIds = {
  datasetDoi: (n: number) => `10.57745/DEMO-DS-${n}`,
  softwareDoi: (n: number) => `10.57745/DEMO-SW-${n}`,
  publicationDoi: (n: number) => `10.5555/demo-pub-${n}`,
  /** An article some datasets cite that no source of the demo holds: its node stays a stub. */
  externalArticleDoi: (n: number) => `10.5555/demo-external-${n}`,
  halId: (n: number) => `hal-0${String(4000000 + n)}`,
  grant: (n: number) => `ANR-2${n % 4}-CE01-${String(n).padStart(4, '0')}`,
};

export function writeDemoCatalogue(folder: string, size: DemoCatalogueSize = defaultDemoSize): { files: string[]; records: number } {
  mkdirSync(folder, { recursive: true });
  const random = seededRandom(20261122);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const person = () => {
    const n = Math.floor(random() * 400);
    return { family: families[n % families.length]!, given: givens[n % givens.length]!, orcid: orcidOf(n) };
  };
  const organisation = () => Math.floor(random() * size.organisations);
  const files: string[] = [];
  const write = (name: string, body: string) => {
    writeFileSync(path.join(folder, name), body);
    files.push(path.join(folder, name));
  };

  // ROR: the organisations (laboratories, universities, the funder).
  const orgs = Array.from({ length: size.organisations }, (_, o) => ({
    id: rorOf(o),
    names: [
      { value: o === 0 ? 'Agence Nationale de la Recherche' : `Laboratoire de recherche ${o}`, types: ['ror_display', 'label'], lang: 'fr' },
      { value: o === 0 ? 'French National Research Agency' : `Research laboratory ${o}`, types: ['label'], lang: 'en' },
    ],
    types: [o === 0 ? 'funder' : 'facility'],
    status: 'active',
    established: 1950 + o,
    locations: [{ geonames_id: 2988507, geonames_details: { name: pick(places), country_code: 'FR', country_name: 'France' } }],
    links: [{ type: 'website', value: `https://lab${o}.example.fr` }],
    admin: { created: { date: '2020-01-01', schema_version: '2.1' }, last_modified: { date: '2024-06-01', schema_version: '2.1' } },
  }));
  write('ror-organisations.json', JSON.stringify({ number_of_results: orgs.length, time_taken: 1, items: orgs, meta: {} }, null, 1));

  // A station's box inside its place's area, or around it by up to a tenth of a degree.
  const geoLocationBox = ([west, south, east, north]: readonly [number, number, number, number]): string => {
    const [w, e, s, n] = [west - random() * 0.1, east + random() * 0.1, south - random() * 0.1, north + random() * 0.1];
    return `<geoLocationBox><westBoundLongitude>${w.toFixed(3)}</westBoundLongitude><eastBoundLongitude>${e.toFixed(3)}</eastBoundLongitude><southBoundLatitude>${s.toFixed(3)}</southBoundLatitude><northBoundLatitude>${n.toFixed(3)}</northBoundLatitude></geoLocationBox>`;
  };

  // OAI-PMH oai_datacite: the repository's datasets, 100 a page.
  const datasetXml = (n: number): string => {
    const [fr, en, gemet] = pick(themes);
    const place = pick(places);
    const creator = person();
    const affiliation = orgs[1 + (organisation() % (size.organisations - 1))]!;
    const [licenceId, licenceUri] = pick(licences);
    const year = 2010 + Math.floor(random() * 15);
    const publication = Math.floor(random() * size.publications);
    const software = Math.floor(random() * size.software);
    return `<resource xmlns="http://datacite.org/schema/kernel-4" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://datacite.org/schema/kernel-4 http://schema.datacite.org/meta/kernel-4.4/metadata.xsd">
  <identifier identifierType="DOI">${demoIds.datasetDoi(n)}</identifier>
  <creators><creator><creatorName nameType="Personal">${creator.family}, ${creator.given}</creatorName><givenName>${creator.given}</givenName><familyName>${creator.family}</familyName><nameIdentifier nameIdentifierScheme="ORCID" schemeURI="https://orcid.org">${creator.orcid}</nameIdentifier><affiliation affiliationIdentifier="${affiliation.id}" affiliationIdentifierScheme="ROR" schemeURI="https://ror.org">${escapeXml(affiliation.names[0]!.value)}</affiliation></creator></creators>
  <titles><title xml:lang="fr">${escapeXml(`${fr} : observations à ${place}, ${year}`)}</title><title xml:lang="en" titleType="TranslatedTitle">${escapeXml(`${en}: observations at ${place}, ${year}`)}</title></titles>
  <publisher>Recherche Data Gouv</publisher><publicationYear>${year + 1}</publicationYear>
  <subjects><subject xml:lang="fr">${escapeXml(fr.toLowerCase())}</subject><subject xml:lang="en">${escapeXml(en.toLowerCase())}</subject><subject subjectScheme="Dataverse subject">Earth and Environmental Sciences</subject>${gemet === null ? '' : `<subject subjectScheme="GEMET" schemeURI="http://www.eionet.europa.eu/gemet/" valueURI="http://www.eionet.europa.eu/gemet/concept/${gemet}" xml:lang="en">${escapeXml(en.toLowerCase())}</subject>`}</subjects>
  <dates><date dateType="Collected">${year}-01-01/${year}-12-31</date><date dateType="Updated">${year + 1}-06-15</date></dates>
  <language>fr</language>
  <resourceType resourceTypeGeneral="Dataset">Observations</resourceType>
  <relatedIdentifiers><relatedIdentifier relatedIdentifierType="DOI" relationType="IsCitedBy">${demoIds.publicationDoi(publication)}</relatedIdentifier><relatedIdentifier relatedIdentifierType="DOI" relationType="IsSupplementedBy">${demoIds.softwareDoi(software)}</relatedIdentifier>${n % 10 === 0 ? `<relatedIdentifier relatedIdentifierType="DOI" relationType="References" resourceTypeGeneral="JournalArticle">${demoIds.externalArticleDoi(n)}</relatedIdentifier>` : ''}</relatedIdentifiers>
  <rightsList><rights rightsURI="${licenceUri}" rightsIdentifier="${licenceId}">${licenceId}</rights><rights rightsURI="info:eu-repo/semantics/openAccess">Open Access</rights></rightsList>
  <descriptions><description descriptionType="Abstract" xml:lang="fr">${escapeXml(`Mesures de ${fr.toLowerCase()} réalisées à ${place} en ${year}, au pas de temps horaire, contrôlées et validées.`)}</description></descriptions>
  <geoLocations><geoLocation><geoLocationPlace>${escapeXml(place)}</geoLocationPlace>${geoLocationBox(placeAreas[place]!)}</geoLocation></geoLocations>
  <fundingReferences><fundingReference><funderName>Agence Nationale de la Recherche</funderName><funderIdentifier funderIdentifierType="ROR">${orgs[0]!.id}</funderIdentifier><awardNumber>${demoIds.grant(n % 60)}</awardNumber><awardTitle>${escapeXml(`Projet ${en} ${n % 60}`)}</awardTitle></fundingReference></fundingReferences>
</resource>`;
  };
  const perPage = 100;
  const pages = Math.ceil(size.datasets / perPage);
  for (let p = 0; p < pages; p += 1) {
    const records = Array.from({ length: Math.min(perPage, size.datasets - p * perPage) }, (_, i) => {
      const n = p * perPage + i;
      return `    <record><header><identifier>oai:entrepot.demo:${demoIds.datasetDoi(n)}</identifier><datestamp>2024-06-15T08:00:00Z</datestamp><setSpec>earth-system</setSpec></header><metadata>${datasetXml(n)}</metadata></record>`;
    }).join('\n');
    write(
      `oai-datacite-page-${p + 1}.xml`,
      `<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-06-15T08:00:00Z</responseDate><request verb="ListRecords" metadataPrefix="oai_datacite">https://entrepot.demo/oai</request><ListRecords>\n${records}\n${p + 1 < pages ? `<resumptionToken completeListSize="${size.datasets}">page-${p + 2}</resumptionToken>` : ''}</ListRecords></OAI-PMH>\n`,
    );
  }

  // DataCite REST JSON: software (and its link back to the datasets it processes).
  const software = Array.from({ length: size.software }, (_, n) => {
    const creator = person();
    return {
      id: demoIds.softwareDoi(n).toLowerCase(),
      type: 'dois',
      attributes: {
        doi: demoIds.softwareDoi(n).toLowerCase(),
        titles: [{ title: `Chaîne de traitement ${pick(themes)[0].toLowerCase()} v${1 + (n % 4)}`, lang: 'fr' }],
        creators: [{ name: `${creator.family}, ${creator.given}`, nameType: 'Personal', nameIdentifiers: [{ nameIdentifier: creator.orcid, nameIdentifierScheme: 'ORCID' }] }],
        publisher: 'Recherche Data Gouv',
        publicationYear: 2015 + (n % 10),
        types: { resourceTypeGeneral: 'Software', resourceType: 'Code source' },
        relatedIdentifiers: [{ relatedIdentifier: demoIds.datasetDoi(Math.floor(random() * size.datasets)), relatedIdentifierType: 'DOI', relationType: 'IsSupplementTo' }],
        rightsList: [{ rights: 'CeCILL-2.1', rightsIdentifier: 'CECILL-2.1' }],
        updated: '2024-05-01T12:00:00Z',
      },
    };
  });
  write('datacite-software.json', JSON.stringify({ data: software, meta: { total: software.length }, links: {} }, null, 1));

  // HAL: publications citing the datasets.
  const docs = Array.from({ length: size.publications }, (_, n) => {
    const author = person();
    return {
      docid: 4000000 + n,
      halId_s: demoIds.halId(n),
      docType_s: 'ART',
      title_s: [`Variabilité de ${pick(themes)[0].toLowerCase()} : analyse de ${2 + (n % 8)} années d'observations`],
      authFullName_s: [`${author.given} ${author.family}`],
      authORCIDIdExt_id: [author.orcid.replace('https://orcid.org/', '')],
      doiId_s: demoIds.publicationDoi(n),
      researchData_s: [demoIds.datasetDoi(Math.floor(random() * size.datasets))],
      structId_i: [1 + (n % (size.organisations - 1))],
      anrProjectReference_s: [demoIds.grant(n % 60)],
      publicationDateY_i: 2012 + (n % 12),
      modifiedDate_s: '2024-04-02 09:30:00',
    };
  });
  write('hal-publications.json', JSON.stringify({ response: { numFound: docs.length, start: 0, docs }, nextCursorMark: 'end' }, null, 1));

  // CKAN: a regional open-data portal's environmental datasets.
  const packages = Array.from({ length: size.portalDatasets }, (_, n) => {
    const [fr] = pick(themes);
    return {
      id: `0b6c1d2e-0000-4000-8000-${String(n).padStart(12, '0')}`,
      name: `releves-${fr.toLowerCase().replace(/[^a-z]+/g, '-')}-${n}`,
      title: `Relevés ${fr.toLowerCase()} — ${pick(places)}`,
      notes: `Relevés publiés par la collectivité, mis à jour chaque mois.`,
      // A few packages come without their page, as real portals' do: the catalogue quarantines them.
      url: n % 40 === 39 ? '' : `https://portail.demo/dataset/${n}`,
      license_id: 'etalab-2.0',
      metadata_modified: '2024-03-10T10:00:00.000000',
      organization: { name: 'region-demo', title: 'Région (démonstration)' },
      tags: [{ name: fr.toLowerCase() }],
      resources: [{ id: `r-${n}`, url: `https://portail.demo/files/${n}.csv`, format: 'CSV' }],
      extras: [{ key: 'related_dataset', value: `https://doi.org/${demoIds.datasetDoi(n % size.datasets)}` }],
      state: 'active',
    };
  });
  write('ckan-package-search.json', JSON.stringify({ success: true, result: { count: packages.length, results: packages } }, null, 1));

  return { files, records: size.datasets + size.software + size.publications + size.portalDatasets + size.organisations };
}
