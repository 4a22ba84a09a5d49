// Starts the real service for a test: in this process (startServer) or as the `maillage serve`
// child process, always on a loopback port chosen by the OS.
import { spawn, type ChildProcess } from 'node:child_process';
import { loadConfig } from '../../src/config/index.js';
import { startServer, type RunningServer } from '../../src/http/index.js';
import { createLogger, silentLogger } from '../../src/log/index.js';

export const adminToken = 'test-admin-token-0123456789';

export async function startTestServer(dataDir: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', ADMIN_TOKEN: adminToken, SQLITE_SYNCHRONOUS: 'NORMAL', DEMO_CATALOGUE: 'false', BUNDLED_THESAURUS: 'false', ...env });
  return startServer(config, process.env.TEST_LOGS ? createLogger("debug") : silentLogger);
}

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  logs: () => string;
  exited: Promise<number | null>;
}

/** Runs the built CLI (`node bin/maillage.js serve`) and waits for its "listening" log line. */
export function spawnService(dataDir: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['bin/maillage.js', 'serve'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', ADMIN_TOKEN: adminToken, LOG_LEVEL: 'info', DEMO_CATALOGUE: 'false', BUNDLED_THESAURUS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logs = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not start:\n${logs}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      logs += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)".*"msg":"maillage listening"/.exec(logs);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child, logs: () => logs, exited });
      }
    });
    void exited.then((code) => reject(new Error(`the service exited with ${code}:\n${logs}`)));
  });
}
