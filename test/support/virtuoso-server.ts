// Starts a private Virtuoso on loopback for tests and benchmarks (installing it from Debian when
// missing and allowed), with its own database in a temporary folder.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface VirtuosoEndpoints {
  queryUrl: string;
  updateUrl: string;
  graphStoreUrl: string;
  user: string;
  password: string;
  /** A folder the server may read (DirsAllowed), for its bulk loader (REMOTE_BULK_DIR). */
  bulkDir: string;
}

/**
 * The service's settings for a remote store on this Virtuoso (STORE=remote and its endpoints),
 * writing through the Graph Store Protocol, or with `bulk` through Virtuoso's own loader.
 */
export function remoteStoreEnvironment(virtuoso: VirtuosoEndpoints, options: { bulk?: boolean } = {}): Record<string, string> {
  return {
    ...(options.bulk ? { REMOTE_BULK_DIR: virtuoso.bulkDir } : {}),
    STORE: 'remote',
    REMOTE_QUERY_URL: virtuoso.queryUrl,
    REMOTE_UPDATE_URL: virtuoso.updateUrl,
    REMOTE_GRAPH_STORE_URL: virtuoso.graphStoreUrl,
    REMOTE_USER: virtuoso.user,
    REMOTE_PASSWORD: virtuoso.password,
  };
}

export interface RunningVirtuoso extends VirtuosoEndpoints {
  /** The server's folder: its database, log and configuration (for benchmarks' disk figures). */
  dir: string;
  /** The server process's id while it runs (for benchmarks' memory figures). */
  pid(): number | undefined;
  stop(): Promise<void>;
  /** Stops the server process (killed, as a crash or an outage), keeping its database. */
  halt(): Promise<void>;
  /** Starts it again on the same database and ports. */
  resume(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Why Virtuoso cannot run here, or null when it can (installing it if this is root). */
export function virtuosoUnavailableReason(): string | null {
  if (spawnSync('sh', ['-c', 'command -v virtuoso-t']).status === 0) return null;
  const install = spawnSync('bash', [path.resolve('scripts/install-virtuoso.sh')], { encoding: 'utf8' });
  if (install.status === 0) return null;
  return `Virtuoso is not installed and could not be installed (${(install.stderr || install.stdout).trim()})`;
}

export async function startVirtuoso(): Promise<RunningVirtuoso> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'maillage-virtuoso-'));
  const [sqlPort, httpPort] = [await freePort(), await freePort()];
  writeFileSync(
    path.join(dir, 'virtuoso.ini'),
    [
      '[Database]',
      `DatabaseFile = ${dir}/virtuoso.db`,
      `ErrorLogFile = ${dir}/virtuoso.log`,
      `LockFile = ${dir}/virtuoso.lck`,
      `TransactionFile = ${dir}/virtuoso.trx`,
      `xa_persistent_file = ${dir}/virtuoso.pxa`,
      '[TempDatabase]',
      `DatabaseFile = ${dir}/virtuoso-temp.db`,
      `TransactionFile = ${dir}/virtuoso-temp.trx`,
      '[Parameters]',
      `ServerPort = 127.0.0.1:${sqlPort}`,
      'DisableUnixSocket = 1',
      'NumberOfBuffers = 340000',
      'MaxDirtyBuffers = 250000',
      `DirsAllowed = ., ${dir}`,
      '[HTTPServer]',
      `ServerPort = 127.0.0.1:${httpPort}`,
      'ServerRoot = /var/lib/virtuoso-opensource-7/vsp',
      'ServerThreads = 20',
      'MaxClientConnections = 20',
      '[SPARQL]',
      'ResultSetMaxRows = 10000000',
      'MaxQueryExecutionTime = 300',
      '',
    ].join('\n'),
  );
  const bulkDir = path.join(dir, 'bulk');
  mkdirSync(bulkDir);
  const base = `http://127.0.0.1:${httpPort}`;
  let child: ChildProcess;
  const launch = async (): Promise<void> => {
    child = spawn('virtuoso-t', ['+configfile', path.join(dir, 'virtuoso.ini'), '+foreground'], { cwd: dir, stdio: 'ignore' });
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`Virtuoso exited with code ${child.exitCode}; see ${dir}/virtuoso.log`);
      try {
        const response = await fetch(`${base}/sparql?query=ASK%7B%7D`);
        if (response.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`Virtuoso did not start within 60 s; see ${dir}/virtuoso.log`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  const halt = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));
  };
  await launch();
  return {
    queryUrl: `${base}/sparql`,
    updateUrl: `${base}/sparql-auth`,
    graphStoreUrl: `${base}/sparql-graph-crud-auth`,
    user: 'dba',
    password: 'dba',
    bulkDir,
    dir,
    pid: () => (child.exitCode === null && child.signalCode === null ? child.pid : undefined),
    halt: () => halt('SIGKILL'),
    resume: launch,
    stop: async () => {
      await halt('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
