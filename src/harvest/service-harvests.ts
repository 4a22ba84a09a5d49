// Owns the harvests the running service makes: one declared source at a time on request (POST
// /harvests) or every HARVEST_INTERVAL_MINUTES for all of them, each followed by the derivation of
// what it changed, one derivation at a time. Only sources of the sources file can be harvested:
// that file is the allow-list of URLs the service fetches.
import { ConflictError, NotFoundError } from '../errors/index.js';
import type { Logger } from '../log/index.js';
import type { HarvestRun, RawRecordStore } from '../records/index.js';
import { createHarvester } from './create-harvester.js';
import { runHarvest } from './run-harvest.js';
import { loadSources, type SourceConfig } from './sources.js';

export interface ServiceHarvestsOptions {
  records: RawRecordStore;
  sourcesFile: string;
  /** Derives the records of a source that changed since their last derivation. */
  deriveChanged: (source: string) => Promise<unknown>;
  logger: Logger;
}

export class ServiceHarvests {
  private readonly running = new Map<string, Promise<void>>();
  private derivations: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly options: ServiceHarvestsOptions) {}

  sources(): SourceConfig[] {
    return loadSources(this.options.sourcesFile);
  }

  /** Starts a harvest of a declared source and answers its run as soon as it is recorded. */
  async start(name: string, options: { full?: boolean } = {}): Promise<HarvestRun> {
    const source = this.sources().find((s) => s.name === name);
    if (!source) throw new NotFoundError(`No declared source named ${JSON.stringify(name.slice(0, 200))}; the sources are those of the sources file`);
    if (this.running.has(name)) throw new ConflictError(`${name} is being harvested; see GET /harvests?source=${encodeURIComponent(name)}`);
    let begun: HarvestRun | null = null;
    // The run is recorded before runHarvest's first await: past this call it either exists or failed.
    const harvest = runHarvest(this.options.records, name, createHarvester(source), { full: options.full ?? false, onBegin: (run) => (begun = run) });
    if (!begun) {
      const error = await harvest.then(() => null, (e: Error) => e);
      throw new ConflictError(`${name} could not be harvested now: ${error?.message ?? 'no run was recorded'}`);
    }
    const work = harvest
      .then((run) => {
        this.options.logger.info({ source: name, run: run.id, status: run.status, new: run.new, updated: run.updated, deleted: run.deleted, failed: run.failed }, 'harvest finished');
        // One derivation at a time: the records database has one writer, and the store's writes queue anyway.
        this.derivations = this.derivations.then(() => this.options.deriveChanged(name)).catch((error: Error) => this.options.logger.error({ err: error, source: name }, 'derivation after a harvest failed'));
        return this.derivations;
      })
      .catch((error: Error) => this.options.logger.error({ err: error, source: name }, 'harvest failed'))
      .finally(() => this.running.delete(name))
      .then(() => undefined);
    this.running.set(name, work);
    return begun;
  }

  /** Harvests every declared source every `minutes` (0: never), skipping one still running. */
  schedule(minutes: number): void {
    if (minutes <= 0) return;
    this.timer = setInterval(() => {
      for (const source of this.sources()) {
        if (this.stopped || this.running.has(source.name)) continue;
        this.start(source.name).catch((error: Error) => this.options.logger.error({ err: error, source: source.name }, 'scheduled harvest did not start'));
      }
    }, minutes * 60_000);
    this.timer.unref();
  }

  /** Stops the schedule and waits for the harvests and derivations in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.running.values());
    await this.derivations;
  }
}
