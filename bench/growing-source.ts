// An OAI-PMH source that grows while a benchmark runs: it holds `initial` records at start and
// `perMinute` more each minute, each stamped with the second it appeared, and answers incremental
// lists (`from`) in pages of 50 with resumption tokens, as a live repository does.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dataciteXml } from './generated-records.js';

const pageSize = 50;
const envelope = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>${new Date().toISOString().slice(0, 19)}Z</responseDate><request>http://bench/oai</request>${inner}</OAI-PMH>`;

export interface GrowingSource {
  url: string;
  /** Records the source holds now. */
  size(): number;
  close(): Promise<void>;
}

export async function startGrowingSource(options: { initial: number; perMinute: number; firstNumber?: number }): Promise<GrowingSource> {
  const started = Date.now();
  const size = () => options.initial + Math.floor(((Date.now() - started) / 60_000) * options.perMinute);
  // Record i appeared at: the start for the initial ones, then one every 60/perMinute seconds.
  const stampOf = (i: number) => new Date(started + Math.max(0, i - options.initial + 1) * (60_000 / options.perMinute)).toISOString().slice(0, 19) + 'Z';
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const verb = url.searchParams.get('verb');
    let body: string;
    if (verb === 'Identify') {
      body = envelope(`<Identify><repositoryName>growing</repositoryName><baseURL>http://bench/oai</baseURL><protocolVersion>2.0</protocolVersion><adminEmail>bench@example.org</adminEmail><earliestDatestamp>2000-01-01T00:00:00Z</earliestDatestamp><deletedRecord>no</deletedRecord><granularity>YYYY-MM-DDThh:mm:ssZ</granularity></Identify>`);
    } else {
      const token = url.searchParams.get('resumptionToken');
      const [from, offsetText] = token ? token.split('|') : [url.searchParams.get('from') ?? '', '0'];
      const held = size();
      const matching = Array.from({ length: held }, (_, i) => i).filter((i) => !from || stampOf(i) >= from!);
      const offset = Number(offsetText);
      const page = matching.slice(offset, offset + pageSize);
      if (page.length === 0) {
        body = envelope('<error code="noRecordsMatch">No records match</error>');
      } else {
        const first = options.firstNumber ?? 0;
        const records = page.map((i) => `<record><header><identifier>oai:growing:${first + i}</identifier><datestamp>${stampOf(i)}</datestamp></header><metadata>${dataciteXml(first + i, stampOf(i).slice(0, 10))}</metadata></record>`).join('');
        const more = offset + pageSize < matching.length;
        body = envelope(`<ListRecords>${records}${more ? `<resumptionToken completeListSize="${matching.length}">${from}|${offset + pageSize}</resumptionToken>` : ''}</ListRecords>`);
      }
    }
    response.writeHead(200, { 'content-type': 'text/xml' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/oai`,
    size,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
