// Owns the declared sources (config/sources.json, or the file named by MAILLAGE_SOURCES): each
// names a protocol, an endpoint, what to select, and how politely to ask.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { sourceSchema, type SourceConfig } from './source-schemas.js';

export type { SourceConfig };

export class SourcesConfigError extends Error {
  override name = 'SourcesConfigError';
}

export function loadSources(file: string): SourceConfig[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SourcesConfigError(`${file}: ${(error as Error).message}`);
  }
  const parsed = z.object({ sources: z.array(sourceSchema) }).safeParse(raw);
  if (!parsed.success) {
    throw new SourcesConfigError(`${file}:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const names = parsed.data.sources.map((s) => s.name);
  const twice = names.filter((name, i) => names.indexOf(name) !== i);
  if (twice.length > 0) throw new SourcesConfigError(`${file}: source names must be unique (${twice.join(', ')})`);
  return parsed.data.sources;
}

/** The declared priority of each source (config/sources.json `priority`), for the preferred-value rules. */
export function sourcePriorities(file: string): Map<string, number> {
  return existsSync(file) ? new Map(loadSources(file).map((s) => [s.name, s.priority])) : new Map();
}
