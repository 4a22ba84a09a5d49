// Owns the CLI commands that work on the graph store directly: load, dump, restore, stats.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { stat } from 'node:fs/promises';
import type { Config } from '../../config/index.js';
import type { Logger } from '../../log/index.js';
import { rdfFormatOf } from '../../rdf/index.js';
import { openGraphStore, type GraphStore } from '../../store/index.js';
import { capacityReport } from '../../store/capacity-report.js';
import { streamableFormats } from '../../store/embedded/canonical-load-file.js';
import { createProgress } from '../progress.js';
import { restoreBackupCommand } from './backup-commands.js';
import { readInputFile, streamInputFile } from '../read-input.js';
import { UsageError } from '../report-error.js';

export interface CommandContext {
  config: Readonly<Config>;
  logger: Logger;
  args: string[];
  options: Record<string, string | boolean | undefined>;
}

async function withStore<T>(context: CommandContext, work: (store: GraphStore) => Promise<T>): Promise<T> {
  const store = await openGraphStore(context.config, context.logger);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

const count = new Intl.NumberFormat('en-US');

export async function loadCommand(context: CommandContext): Promise<void> {
  const file = context.args[0];
  if (!file) throw new UsageError('load needs a file: maillage load <file> [--graph IRI] [--format F]');
  const format = rdfFormatOf(typeof context.options.format === 'string' ? context.options.format : file);
  const graph = typeof context.options.graph === 'string' ? context.options.graph : undefined;
  const progress = createProgress(`load ${file}`, 'quads');
  const size = (await stat(file)).size;
  const streamed = await withStore(context, async (store) => {
    if (!store.loadFile || !streamableFormats.has(format)) return false;
    const bytes = createProgress(`load ${file}`, 'bytes read');
    const result = await store.loadFile(streamInputFile(file), { format, ...(graph ? { graph } : {}), onProgress: (read) => bytes.update(read, file.endsWith('.gz') ? undefined : size) });
    bytes.done(`loaded ${count.format(result.quadsWritten)} quads${graph ? ` into ${graph}` : ''} as one write; the store holds ${count.format(result.storeQuads)} quads`);
    return true;
  });
  if (streamed) return;
  const data = await readInputFile(file);
  await withStore(context, async (store) => {
    progress.note(`parsing ${(size / 1024 / 1024).toFixed(1)} MiB of ${format}`);
    const result = await store.load({ data, format }, { ...(graph ? { graph } : {}), onProgress: (done, total) => progress.update(done, total) });
    progress.done(`loaded ${count.format(result.quadsWritten)} quads${graph ? ` into ${graph}` : ''}; the store holds ${result.storeQuads >= 0 ? count.format(result.storeQuads) : 'an unknown number of'} quads`);
  });
}

export async function dumpCommand(context: CommandContext): Promise<void> {
  const file = context.args[0];
  const out = file ? createWriteStream(file) : process.stdout;
  const progress = createProgress('dump', 'bytes');
  let bytes = 0;
  await withStore(context, async (store) => {
    const { quads } = await store.dump(async (chunk) => {
      bytes += Buffer.byteLength(chunk);
      progress.update(bytes);
      if (!out.write(chunk)) await once(out, 'drain');
    });
    if (file) {
      out.end();
      await finished(out);
    }
    progress.done(`wrote ${count.format(quads)} quads as N-Quads${file ? ` to ${file}` : ''}`);
  });
}

export async function restoreCommand(context: CommandContext): Promise<void> {
  const file = context.args[0];
  if (!file) throw new UsageError('restore needs an N-Quads file made by "maillage dump", or a folder made by "maillage backup": maillage restore <file|dir>');
  if ((await stat(file)).isDirectory()) return restoreBackupCommand(context, file);
  const progress = createProgress(`restore ${file}`, 'quads');
  await withStore(context, async (store) => {
    progress.note('reading and checking the whole file before replacing anything');
    const result = await store.restore(streamInputFile(file));
    progress.done(`the store now holds ${count.format(result.quadsWritten)} quads from ${file}`);
  });
}

export async function statsCommand(context: CommandContext): Promise<void> {
  await withStore(context, async (store) => {
    const stats = await store.stats();
    const capacity = capacityReport(stats);
    process.stdout.write(`${JSON.stringify({ ...stats, ...capacity }, null, 2)}\n`);
    if (capacity.warning) process.stderr.write(`warning: ${capacity.warning}\n`);
  });
}
