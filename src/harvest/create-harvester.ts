// Owns building the harvester a source declaration asks for, with its own polite HTTP client.
import type { Harvester } from './harvester.js';
import { DcatFeedHarvester } from './dcat/dcat-feed-harvester.js';
import { ckanAdapter, dataciteAdapter, dataverseAdapter, halAdapter, rorAdapter } from './json-apis/adapters.js';
import { JsonPagedHarvester } from './json-apis/json-paged-harvester.js';
import { OaiPmhHarvester } from './oai-pmh/oai-pmh-harvester.js';
import { PoliteHttpClient, type PoliteHttpOptions } from './polite-http-client.js';
import type { SourceConfig } from './source-schemas.js';

export function createHarvester(source: SourceConfig, httpOptions: PoliteHttpOptions = {}): Harvester {
  const http = new PoliteHttpClient({ delayMs: source.delayMs, concurrency: source.concurrency, timeoutMs: source.timeoutMs, ...httpOptions });
  switch (source.protocol) {
    case 'oai-pmh':
      return new OaiPmhHarvester(http, source);
    case 'datacite':
      return new JsonPagedHarvester(http, dataciteAdapter(source));
    case 'dataverse':
      return new JsonPagedHarvester(http, dataverseAdapter(source));
    case 'ckan':
      return new JsonPagedHarvester(http, ckanAdapter(source));
    case 'dcat':
      return new DcatFeedHarvester(http, source);
    case 'hal':
      return new JsonPagedHarvester(http, halAdapter(source));
    case 'ror':
      return new JsonPagedHarvester(http, rorAdapter(source));
  }
}
