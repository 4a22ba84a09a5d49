#!/usr/bin/env node
// The `maillage` command: parses the command line and runs one command.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.js';
import { createLogger } from '../log/index.js';
import { startServer, stopOnSignals } from '../http/index.js';
import { version } from '../version.js';
import { harvestCommand, harvestsCommand, ingestCommand } from './commands/harvest-commands.js';
import { thesaurusCommand } from './commands/thesaurus-commands.js';
import { reindexCommand, validateCommand } from './commands/derive-commands.js';
import { dumpCommand, loadCommand, restoreCommand, statsCommand, type CommandContext } from './commands/store-commands.js';
import { backupCommand } from './commands/backup-commands.js';
import { migrateCommand } from './commands/migrate-command.js';
import { reportError, UsageError } from './report-error.js';

const usage = `maillage ${version} — the linked-data knowledge graph of the research-data catalogue

Usage:
  maillage serve                          start the HTTP service (PORT, DATA_DIR, STORE, ... from the environment)
  maillage load <file> [--graph IRI] [--format F]
                                          bulk-load RDF (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML; .gz too)
  maillage dump [file]                    write the whole store as N-Quads (stdout when no file)
  maillage restore <file>                 replace the whole store with an N-Quads dump
  maillage backup <dir>                   copy the data (system of record and store) while the service runs and writes
  maillage restore <dir>                  put a backup back into an empty DATA_DIR (a new machine), checked first
  maillage migrate --to remote [--batch-graphs N]
                                          copy the embedded store into the configured remote store (REMOTE_*),
                                          resumable, then name the remote store in maillage.config.json
  maillage stats                          print the store's size and state as JSON
  maillage harvest [--source NAME] [--full]
                                          harvest the sources of config/sources.json (MAILLAGE_SOURCES) into the system of record
  maillage harvest <protocol> <url> [--format PREFIX] [--set S] [--query Q] [--collection ALIAS] [--client ID]
                   [--from DATE] [--name NAME] [--full]
                                          harvest one endpoint: oai-pmh, datacite, dataverse, ckan, dcat, hal, ror
  maillage ingest <file|dir> [--format F] [--name SOURCE]
                                          take in recorded responses or exports from disk, by the same path
  maillage reindex [--source NAME]        re-derive RDF, validation reports and FAIR scores from the stored raw records
                                          (after a mapping or shape change; no network; resumes when interrupted)
  maillage validate [--source NAME]       the validation summary per source (published, quarantined, top findings) as JSON
  maillage harvests [--source NAME] [--run ID]
                                          the harvest reports (counts, failures kept aside)
  maillage thesaurus check <file> [--languages fr,en]
                                          qSKOS-style report: cycles, labels, clashes, dangling references
  maillage thesaurus import <file> [--acronym A] [--languages fr,en] [--force]
                                          load a SKOS concept scheme into its own graph (checked first)
  maillage thesaurus import <file.csv> --scheme IRI [--acronym A] [--title T]
                                          the same from the spreadsheet layout (one row per concept)
  maillage thesaurus export [file] [--graph IRI] [--format F]
                                          write a concept scheme out (Turtle by default; csv: the spreadsheet layout)
  maillage help | version

Common options: --data-dir DIR (DATA_DIR), --store embedded|remote (STORE)
The embedded store belongs to one process: stop the server before load/restore, or write through its HTTP API.`;

const commands: Record<string, (context: CommandContext) => Promise<void>> = {
  load: loadCommand,
  dump: dumpCommand,
  restore: restoreCommand,
  backup: backupCommand,
  migrate: migrateCommand,
  stats: statsCommand,
  harvest: harvestCommand,
  ingest: ingestCommand,
  harvests: harvestsCommand,
  thesaurus: thesaurusCommand,
  reindex: reindexCommand,
  validate: validateCommand,
};

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      graph: { type: 'string' },
      format: { type: 'string' },
      'data-dir': { type: 'string' },
      store: { type: 'string' },
      source: { type: 'string' },
      full: { type: 'boolean' },
      set: { type: 'string' },
      query: { type: 'string' },
      collection: { type: 'string' },
      client: { type: 'string' },
      from: { type: 'string' },
      name: { type: 'string' },
      run: { type: 'string' },
      acronym: { type: 'string' },
      scheme: { type: 'string' },
      title: { type: 'string' },
      languages: { type: 'string' },
      force: { type: 'boolean' },
      to: { type: 'string' },
      'batch-graphs': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command = 'help', ...args] = positionals;
  if (command === 'help' || values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (command === 'version') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const overrides: Record<string, unknown> = {};
  if (values['data-dir']) overrides.dataDir = values['data-dir'];
  if (values.store) overrides.store = values.store;
  const config = loadConfig(process.env, overrides);
  // Commands keep logs to warnings (stderr); the server logs every request.
  const logger = createLogger(command === 'serve' ? config.logLevel : 'warn');
  if (command === 'serve') {
    const server = await startServer(config, logger);
    stopOnSignals(server, logger);
    return -1; // keeps running
  }
  const run = commands[command];
  if (!run) throw new UsageError(`unknown command "${command}"`);
  await run({ config, logger, args, options: values });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    // A command that found problems has set its own exit code already.
    if (code >= 0 && process.exitCode === undefined) process.exitCode = code;
  },
  (error: unknown) => {
    const isArgError = (error as NodeJS.ErrnoException)?.code?.startsWith('ERR_PARSE_ARGS');
    process.exitCode = reportError(isArgError ? new UsageError((error as Error).message) : error);
  },
);
