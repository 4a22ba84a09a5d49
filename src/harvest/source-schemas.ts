// Owns what a source declaration may say, per protocol, with defaults for the public APIs.
import { z } from 'zod';

const politeness = {
  name: z.string().regex(/^[a-z0-9][a-z0-9._:-]*$/i, 'letters, digits, . _ : - only'),
  description: z.string().optional(),
  delayMs: z.number().int().min(0).default(200),
  concurrency: z.number().int().min(1).max(8).default(2),
  timeoutMs: z.number().int().positive().default(60_000),
  /** What happens to a record that fails validation: quarantine on core-shape violations (default),
   * on any violation, or never (publish everything with its report). */
  validation: z.object({ quarantine: z.enum(['core', 'any-violation', 'never']).default('core') }).default({}),
  /** When sources describe one resource and disagree on a value shown once (a title, a licence),
   * the higher priority's value is shown (src/linking/preferred-value.ts); 0 by default. */
  priority: z.number().int().default(0),
};

export const oaiPmhSchema = z.object({
  ...politeness,
  protocol: z.literal('oai-pmh'),
  url: z.string().url(),
  metadataPrefix: z.string().default('oai_datacite'),
  set: z.string().optional(),
  until: z.string().optional(),
});
export const dataciteSchema = z.object({
  ...politeness,
  protocol: z.literal('datacite'),
  url: z.string().url().default('https://api.datacite.org'),
  clientId: z.string().optional(),
  providerId: z.string().optional(),
  affiliationId: z.string().optional(),
  query: z.string().optional(),
  pageSize: z.number().int().min(1).max(1000).optional(),
});
export const dataverseSchema = z.object({ ...politeness, protocol: z.literal('dataverse'), url: z.string().url(), collection: z.string().optional(), perPage: z.number().int().optional() });
export const ckanSchema = z.object({ ...politeness, protocol: z.literal('ckan'), url: z.string().url(), query: z.string().optional(), organization: z.string().optional(), rows: z.number().int().optional() });
export const dcatSchema = z.object({ ...politeness, protocol: z.literal('dcat'), url: z.string().url() });
export const halSchema = z.object({
  ...politeness,
  protocol: z.literal('hal'),
  url: z.string().url().default('https://api.archives-ouvertes.fr/search/'),
  query: z.string().optional(),
  filter: z.string().optional(),
  rows: z.number().int().optional(),
});
export const rorSchema = z.object({ ...politeness, protocol: z.literal('ror'), url: z.string().url().default('https://api.ror.org/v2'), query: z.string().optional(), filter: z.string().optional() });

export const sourceSchema = z.discriminatedUnion('protocol', [oaiPmhSchema, dataciteSchema, dataverseSchema, ckanSchema, dcatSchema, halSchema, rorSchema]);
export type SourceConfig = z.infer<typeof sourceSchema>;
export const protocols = ['oai-pmh', 'datacite', 'dataverse', 'ckan', 'dcat', 'hal', 'ror'] as const;
