// A source to harvest from in benchmarks, in its own process: pre-built OAI-PMH oai_datacite
// pages and DataCite REST JSON:API pages of generated records. Prints its URL on stdout.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const pages = Number(process.argv[2] ?? 50);
const perPage = Number(process.argv[3] ?? 100);

function dataciteXml(n: number): string {
  return `<resource xmlns="http://datacite.org/schema/kernel-4" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://datacite.org/schema/kernel-4 http://schema.datacite.org/meta/kernel-4.4/metadata.xsd">
  <identifier identifierType="DOI">10.57745/BENCH${n}</identifier>
  <creators><creator><creatorName nameType="Personal">Dupont, Marie</creatorName><givenName>Marie</givenName><familyName>Dupont</familyName><nameIdentifier nameIdentifierScheme="ORCID" schemeURI="https://orcid.org">https://orcid.org/0000-0002-1825-${String(n % 10000).padStart(4, '0')}</nameIdentifier><affiliation affiliationIdentifier="https://ror.org/02feahw73" affiliationIdentifierScheme="ROR">CNRS</affiliation></creator></creators>
  <titles><title xml:lang="fr">Mesures d'aérosols au site ${n}</title><title xml:lang="en" titleType="TranslatedTitle">Aerosol measurements at site ${n}</title></titles>
  <publisher>Recherche Data Gouv</publisher><publicationYear>${2000 + (n % 25)}</publicationYear>
  <subjects><subject xml:lang="fr">aérosols</subject><subject subjectScheme="GCMD" valueURI="https://gcmd.earthdata.nasa.gov/kms/concept/${n % 97}">ATMOSPHERE</subject></subjects>
  <dates><date dateType="Updated">2024-01-${String(1 + (n % 28)).padStart(2, '0')}</date></dates>
  <resourceType resourceTypeGeneral="Dataset">Mesures</resourceType>
  <relatedIdentifiers><relatedIdentifier relatedIdentifierType="DOI" relationType="IsCitedBy">10.5555/paper.${n}</relatedIdentifier></relatedIdentifiers>
  <rightsList><rights rightsURI="https://creativecommons.org/licenses/by/4.0/" rightsIdentifier="CC-BY-4.0">CC BY 4.0</rights></rightsList>
  <descriptions><description descriptionType="Abstract" xml:lang="fr">Séries temporelles de concentration en aérosols, station ${n}, pas de temps horaire.</description></descriptions>
  <fundingReferences><fundingReference><funderName>Agence Nationale de la Recherche</funderName><funderIdentifier funderIdentifierType="ROR">https://ror.org/00rbzpz17</funderIdentifier><awardNumber>ANR-21-CE01-${n % 1000}</awardNumber></fundingReference></fundingReferences>
</resource>`;
}

function oaiPage(p: number): string {
  const records = Array.from({ length: perPage }, (_, i) => {
    const n = p * perPage + i;
    return `<record><header><identifier>oai:bench:${n}</identifier><datestamp>2024-01-01T00:00:00Z</datestamp><setSpec>bench</setSpec></header><metadata>${dataciteXml(n)}</metadata></record>`;
  }).join('\n');
  const token = p + 1 < pages ? `<resumptionToken completeListSize="${pages * perPage}">${p + 1}</resumptionToken>` : '<resumptionToken completeListSize="0"/>';
  return `<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-01-01T00:00:00Z</responseDate><request verb="ListRecords">http://bench/oai</request><ListRecords>${records}${token}</ListRecords></OAI-PMH>`;
}

function dataciteJsonPage(p: number, base: string): string {
  const data = Array.from({ length: perPage }, (_, i) => {
    const n = p * perPage + i;
    return {
      id: `10.57745/bench${n}`,
      type: 'dois',
      attributes: {
        doi: `10.57745/bench${n}`,
        titles: [{ title: `Mesures d'aérosols au site ${n}`, lang: 'fr' }],
        creators: [{ name: 'Dupont, Marie', nameType: 'Personal', nameIdentifiers: [{ nameIdentifier: 'https://orcid.org/0000-0002-1825-0097', nameIdentifierScheme: 'ORCID' }], affiliation: [{ name: 'CNRS', affiliationIdentifier: 'https://ror.org/02feahw73' }] }],
        publisher: 'Recherche Data Gouv',
        publicationYear: 2000 + (n % 25),
        subjects: [{ subject: 'aérosols', lang: 'fr' }],
        types: { resourceTypeGeneral: 'Dataset' },
        relatedIdentifiers: [{ relatedIdentifier: `10.5555/paper.${n}`, relatedIdentifierType: 'DOI', relationType: 'IsCitedBy' }],
        descriptions: [{ description: `Séries temporelles de concentration en aérosols, station ${n}.`, descriptionType: 'Abstract' }],
        updated: '2024-01-01T00:00:00Z',
      },
    };
  });
  return JSON.stringify({ data, links: p + 1 < pages ? { next: `${base}/dois?page%5Bcursor%5D=${p + 2}` } : {} });
}

const oai = Array.from({ length: pages }, (_, p) => oaiPage(p));
let json: string[] = [];
const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  let body: string;
  if (url.pathname === '/oai') body = oai[Number(url.searchParams.get('resumptionToken') ?? 0)]!;
  // DataCite cursors here are page numbers from 1, as the first request asks for page[cursor]=1.
  else body = json[Number(url.searchParams.get('page[cursor]') ?? 1) - 1]!;
  response.writeHead(200, { 'content-type': url.pathname === '/oai' ? 'text/xml' : 'application/vnd.api+json' }).end(body);
});
server.listen(0, '127.0.0.1', () => {
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  json = Array.from({ length: pages }, (_, p) => dataciteJsonPage(p, base));
  process.stdout.write(`${base}\n`);
});
