// Owns starting a worker thread from a module next to the caller, compiled (dist/*.js) or not.
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Under TypeScript sources (tests, `tsx`), Node 20 cannot load a .ts worker by itself, so the
 * worker starts with tsx's loader registered first; compiled builds load the .js file directly.
 */
export function spawnWorker(moduleUrl: URL, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const limits = resourceLimits ? { resourceLimits } : {};
  if (!moduleUrl.pathname.endsWith('.ts')) return new Worker(moduleUrl, { workerData, ...limits });
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(moduleUrl.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData, ...limits });
}

/** The URL of a sibling module, with the same extension as the caller's own file. */
export function siblingModule(callerUrl: string, name: string): URL {
  const extension = callerUrl.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${extension}`, callerUrl);
}
