// Starts the servers the suite needs once for the whole run: a private Virtuoso for the remote store.
import type { TestProject } from 'vitest/node';
import { startVirtuoso, virtuosoUnavailableReason, type RunningVirtuoso } from './virtuoso-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    virtuoso: { endpoints: Omit<RunningVirtuoso, 'stop' | 'halt' | 'resume' | 'pid' | 'dir'> | null; skipReason: string | null };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const reason = virtuosoUnavailableReason();
  if (reason) {
    project.provide('virtuoso', { endpoints: null, skipReason: reason });
    return async () => {};
  }
  const virtuoso = await startVirtuoso();
  const { stop, halt: _halt, resume: _resume, pid: _pid, dir: _dir, ...endpoints } = virtuoso;
  project.provide('virtuoso', { endpoints, skipReason: null });
  return stop;
}
