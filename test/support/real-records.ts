// Every real record the product reads from ../shared/data, read by the product's own file reader
// (the path of `maillage load`): DataCite, Dataverse, CKAN, DCAT RDF, OAI-PMH pages, ROR. The same
// record met in two files (one DOI in several DataCite kernel versions) is kept once per content.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFileRecords } from '../../src/harvest/ingest/file-records.js';
import type { RawRecord } from '../../src/records/index.js';
import { sharedDataDir } from './shared-data.js';

/** Folders of ../shared/data that hold records (the others hold test suites, shapes and vocabularies). */
const recordFolders = ['datacite/spec/fixtures', 'dataverse', 'ckanext-dcat/examples', 'udata-dcat-fr', 'oai-pmh/pyoai', 'oai-pmh/sickle', 'oai-pmh/xoai/xoai-service-provider', 'misc-records/ror'];
const recordFile = /\.(xml|json|jsonld|ttl|rdf|txt)$/;
/** JSON Schemas and configuration files that sit beside the records. */
const notRecords = /schema|cvoc-|harvesting-client|export-formats|metadatablocks|vcr_cassettes/i;

export interface RealRecord {
  /** The file, relative to ../shared/data. */
  file: string;
  /** The record's identifier, with the shared folder's own location replaced by file:///SHARED/. */
  key: string;
  record: RawRecord;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : recordFile.test(name) && !notRecords.test(full) ? [full] : [];
  });
}

export async function readRealRecords(): Promise<RealRecord[]> {
  const sharedUrl = pathToFileURL(sharedDataDir).toString();
  const seen = new Set<string>();
  const out: RealRecord[] = [];
  for (const file of recordFolders.flatMap((folder) => filesUnder(path.join(sharedDataDir, folder))).sort()) {
    // Files that are not records of a format we read (Crossref, citeproc, BibTeX, broken on purpose) are passed by.
    const read = await readFileRecords(file).catch(() => null);
    for (const record of read?.records ?? []) {
      if (record.deleted) continue;
      const digest = createHash('sha256').update(record.id).update(record.content).digest('hex');
      if (seen.has(digest)) continue;
      seen.add(digest);
      out.push({ file: path.relative(sharedDataDir, file), key: record.id.replace(sharedUrl, 'file:///SHARED'), record });
    }
  }
  return out;
}
