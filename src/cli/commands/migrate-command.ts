// Owns `maillage migrate --to remote`: moves a catalogue that outgrew the embedded store to the
// configured remote store (REMOTE_* settings) without harvesting again. The records database (the
// system of record: raw records, derivations, history, personal space) stays in DATA_DIR, used by
// both stores; the graphs are copied, resumably; then the configuration file names the remote store.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openRecordsDatabase } from '../../records/index.js';
import { openGraphStore } from '../../store/index.js';
import { migrateStore } from '../../store/migrate-store.js';
import { createProgress } from '../progress.js';
import { UsageError } from '../report-error.js';
import type { CommandContext } from './store-commands.js';

export async function migrateCommand(context: CommandContext): Promise<void> {
  if (context.options.to !== 'remote') throw new UsageError('migrate takes --to remote: maillage migrate --to remote (with REMOTE_QUERY_URL, REMOTE_UPDATE_URL and the rest set)');
  const { config } = context;
  if (config.store !== 'embedded') throw new UsageError('the configured store is already the remote one; migrate copies the embedded store of DATA_DIR into it');
  if (!config.remote.queryUrl || !config.remote.updateUrl) throw new UsageError('set REMOTE_QUERY_URL and REMOTE_UPDATE_URL (and REMOTE_USER, REMOTE_PASSWORD) to the store to move to');
  const from = await openGraphStore(config, context.logger);
  const db = openRecordsDatabase(config.dataDir, { synchronous: config.embedded.synchronous });
  try {
    const to = await openGraphStore({ ...config, store: 'remote' }, context.logger);
    try {
      const progress = createProgress(`migrate to ${config.remote.queryUrl}`, 'graphs');
      const batchGraphs = typeof context.options['batch-graphs'] === 'string' ? Number(context.options['batch-graphs']) : undefined;
      if (batchGraphs !== undefined && !(Number.isInteger(batchGraphs) && batchGraphs > 0)) throw new UsageError('--batch-graphs is a whole number above 0');
      const result = await migrateStore(from, to, db, { target: config.remote.queryUrl, ...(batchGraphs ? { batchGraphs } : {}), onProgress: (p) => progress.update(p.copied + p.resumed + p.refused.length, p.graphs) });
      progress.done(`${result.copied} graphs (${result.quads} quads) copied${result.resumed ? `, ${result.resumed} copied by an earlier run` : ''}${result.refused.length ? `, ${result.refused.length} refused by the target` : ''}`);
      if (result.refused.length > 0) {
        for (const { graph, reason } of result.refused.slice(0, 20)) process.stderr.write(`  refused ${graph}: ${reason}\n`);
        process.stderr.write('the configuration is unchanged: correct or drop the refused graphs, then run migrate again (it goes on where it stopped)\n');
        process.exitCode = 1;
        return;
      }
    } finally {
      await to.close();
    }
  } finally {
    db.close();
    await from.close();
  }
  const file = switchConfiguration(config.remote);
  process.stderr.write(`${file} now names the remote store (STORE=remote); start the service again. The embedded store's files stay in ${config.dataDir} until you remove them.\n`);
  if (process.env.STORE === 'embedded') process.stderr.write('warning: STORE=embedded is set in the environment and wins over the file: unset it\n');
}

/** Writes store: "remote" and the remote endpoints (never the password: secrets stay in the environment). */
function switchConfiguration(remote: CommandContext['config']['remote']): string {
  const file = path.resolve(process.env.MAILLAGE_CONFIG ?? 'maillage.config.json');
  const current = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const next = {
    ...current,
    store: 'remote',
    remote: {
      ...((current.remote as Record<string, unknown> | undefined) ?? {}),
      queryUrl: remote.queryUrl,
      updateUrl: remote.updateUrl,
      ...(remote.graphStoreUrl ? { graphStoreUrl: remote.graphStoreUrl } : {}),
      ...(remote.user ? { user: remote.user } : {}),
      defaultGraph: remote.defaultGraph,
    },
  };
  writeFileSync(`${file}.tmp`, `${JSON.stringify(next, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return file;
}
