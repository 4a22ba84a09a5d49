// A source to harvest from in benchmarks, in its own process: pre-built OAI-PMH oai_datacite
// pages and DataCite REST JSON:API pages of generated records. Prints its URL on stdout.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dataciteXml } from './generated-records.js';

const pages = Number(process.argv[2] ?? 50);
const perPage = Number(process.argv[3] ?? 100);

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
