// Owns the service configuration: defaults, the optional config file, the environment.
// The only module that reads process.env (callers pass it in); it fails fast, listing every problem.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const positiveInt = z.coerce.number().int().positive();
/** A switch from the environment: false, 0, no and off turn it off. */
const envBoolean = z.preprocess((v) => (typeof v === 'string' ? !['false', '0', 'no', 'off'].includes(v.toLowerCase()) : v), z.boolean());

const configSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(3030),
  dataDir: z.string().min(1).default('data'),
  publicBaseUrl: z.string().url().optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  adminToken: z.string().min(16, 'must be at least 16 characters').optional(),
  /**
   * Thesaurus editors' tokens: "name:role:token" entries separated by commas (role: viewer, editor
   * or admin; tokens of 16 characters or more). ADMIN_TOKEN also acts as a thesaurus admin.
   */
  thesaurusTokens: z
    .string()
    .default('')
    .refine((v) => v.trim() === '' || v.split(',').every((entry) => /^[^:,\s]+:(viewer|editor|admin):[^:,\s]{16,}$/.test(entry.trim())), {
      message: 'must be name:role:token entries separated by commas (role viewer, editor or admin; token 16+ characters)',
    }),
  store: z.enum(['embedded', 'remote']).default('embedded'),
  /** Load the bundled thesaurus (vocabularies/) into the graph store on start. */
  bundledThesaurus: envBoolean.default(true),
  /** Ingest the generated demo catalogue on first start. */
  demoCatalogue: envBoolean.default(true),
  queryTimeoutMs: positiveInt.default(30_000),
  /** Public SPARQL queries that may run at once; more are refused with 503 (each may take a replica for queryTimeoutMs). */
  sparqlMaxConcurrent: positiveInt.default(8),
  /** Most rows one public SELECT may answer; a query asking for more (or with no LIMIT) that has more is refused. */
  sparqlMaxRows: positiveInt.default(100_000),
  /** How long a public SPARQL query waits for a store replica it may use before 503 (embedded store). */
  sparqlQueueWaitMs: positiveInt.default(2000),
  /** Largest serialized answer one public query may return. */
  queryResultLimitBytes: positiveInt.default(64 * 1024 * 1024),
  /** Bounds on one GraphQL operation (operation-budget.ts). */
  graphql: z
    .object({
      timeoutMs: positiveInt.default(5_000),
      maxCost: positiveInt.default(20_000),
      maxFields: positiveInt.default(50_000),
      expensiveCost: positiveInt.default(2_000),
      maxExpensive: positiveInt.default(4),
    })
    .default({}),
  /** Largest body of a public request (queries, annotator texts); authenticated bulk writes take maxWriteBodyBytes. */
  maxPublicBodyBytes: positiveInt.default(4 * 1024 * 1024),
  maxWriteBodyBytes: positiveInt.default(256 * 1024 * 1024),
  /** SPARQL endpoints a query's SERVICE clause may call (none by default); private and loopback addresses are refused even when listed. */
  federationAllowList: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((e) => e.trim()).filter((e) => e.length > 0))
    .refine((list) => list.every((e) => /^https?:\/\/[^\s]+$/.test(e)), { message: 'must be http(s) endpoint URLs separated by commas' }),
  /** Only for tests and closed networks: allow-listed SERVICE endpoints may be on loopback or private addresses. */
  federationAllowInternal: envBoolean.default(false),
  /** Key that signs OAI-PMH resumption tokens; a random one per start when unset (tokens then end with the process). */
  resumptionTokenSecret: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Contact published by the OAI-PMH provider (Identify adminEmail). */
  oaiAdminEmail: z.string().email().default('catalogue@recherche.data.gouv.fr'),
  /** The declared harvest sources (and their validation policies). */
  sourcesFile: z.string().default('config/sources.json'),
  /** The service harvests every declared source this often (0: only when asked, POST /harvests). */
  harvestIntervalMinutes: z.coerce.number().int().min(0).max(10_080).default(0),
  /** The namespace of catalogue IRIs (resources, records, catalogues). */
  iriBase: z.string().url().default('https://w3id.org/maillage/'),
  /** Folder holding DCAT-AP 3.0 SHACL files (shapes.ttl, range.ttl) to use instead of the bundled ones; see resolveDcatApShapes. */
  dcatApShapes: z.string().optional(),
  /** Worker threads that answer search queries (read-only SQLite connections). */
  searchReaders: z.coerce.number().int().min(1).max(16).default(2),
  /** Worker threads that map and validate records (0: in the calling thread). */
  deriveWorkers: z.coerce.number().int().min(0).max(32).default(Math.min(4, availableParallelism())),
  /** The personal space: sign-in with ORCID (OpenID Connect), e-mail for alerts and questions. */
  personal: z
    .object({
      /** https://orcid.org (production) or https://sandbox.orcid.org; a local provider in tests. */
      orcidIssuer: z.string().url().default('https://orcid.org'),
      orcidClientId: z.string().optional(),
      orcidClientSecret: z.string().optional(),
      /** ORCID iDs that are admins (they give the curator role to others). */
      admins: z
        .string()
        .default('')
        .transform((v) => v.split(',').map((e) => e.trim()).filter((e) => e.length > 0))
        .refine((list) => list.every((e) => /^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/.test(e)), { message: 'must be ORCID iDs separated by commas' }),
      /** SMTP server for alerts and question notices (smtp://user:pass@host:port); none: no e-mail. */
      smtpUrl: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
      mailFrom: z.string().default('Catalogue Recherche Data Gouv <catalogue@recherche.data.gouv.fr>'),
      /** Who hears of a new question: "source:email" entries separated by commas ("*" for every source). */
      questionContacts: z
        .string()
        .default('')
        .transform((v) => v.split(',').map((e) => e.trim()).filter((e) => e.length > 0).map((e) => ({ source: e.slice(0, e.indexOf(':')), email: e.slice(e.indexOf(':') + 1) })))
        .refine((list) => list.every((e) => e.source.length > 0 && /^[^\s@]+@[^\s@]+$/.test(e.email)), { message: 'must be source:email entries separated by commas' }),
      /** How often saved searches are checked for alerts. */
      alertCheckMs: positiveInt.default(60_000),
      /** "Open with" links on collection pages: "Name|https://service.example/?dcat={url}" entries separated by commas. */
      openWith: z
        .string()
        .default('')
        .transform((v) => v.split(',').map((e) => e.trim()).filter((e) => e.length > 0).map((e) => ({ name: e.split('|')[0]!, template: e.split('|')[1] ?? '' })))
        .refine((list) => list.every((e) => e.name && /^https:\/\/[^\s]*\{url\}/.test(e.template)), { message: 'must be Name|https://...{url}... entries separated by commas' }),
    })
    .default({}),
  /** The web catalogue's map: by default a bundled world outline (no tile server needed); a deployment may name an XYZ tile server. */
  map: z
    .object({
      tileUrl: z
        .string()
        .regex(/^https:\/\/[^\s"'<>]+\{z\}[^\s"'<>]*$/, 'must be an https XYZ tile URL template with {z}, {x} and {y}')
        .optional(),
      tileAttribution: z.string().max(300).default(''),
    })
    .default({}),
  embedded: z
    .object({
      replicas: z.coerce.number().int().min(1).max(8).default(2),
      capacityQuads: positiveInt.default(10_000_000),
      snapshotAfterOps: positiveInt.default(20_000),
      snapshotAfterBytes: positiveInt.default(128 * 1024 * 1024),
      synchronous: z.enum(['FULL', 'NORMAL']).default('FULL'),
    })
    .default({}),
  remote: z
    .object({
      queryUrl: z.string().url().optional(),
      updateUrl: z.string().url().optional(),
      graphStoreUrl: z.string().url().optional(),
      user: z.string().optional(),
      password: z.string().optional(),
      defaultGraph: z.string().url().default('urn:maillage:default-graph'),
      /** Bytes of SPARQL text per update request (Virtuoso refuses a request over 10 MB). */
      maxRequestBytes: positiveInt.default(4 * 1024 * 1024),
      /** Update requests in flight at once during derive and loads. */
      writeConcurrency: z.coerce.number().int().min(1).max(32).default(4),
      /** Most rows the server sorts under ORDER BY with a LIMIT: Virtuoso's MaxSortedTopRows ([Parameters], 10,000 by default). */
      maxSortedRows: positiveInt.default(10_000),
      /**
       * How record graphs are replaced: Virtuoso's own loader reading files from bulkDir (the default
       * where bulkDir is set), Graph Store Protocol PUTs (the default otherwise), or SPARQL Update requests.
       */
      writeProtocol: z.enum(['virtuoso-bulk', 'graph-store', 'sparql-update']).optional(),
      /** A folder this service writes and Virtuoso reads (listed in its DirsAllowed), for Virtuoso's bulk loader. */
      bulkDir: z.string().min(1).optional(),
      /** The same folder as the Virtuoso server sees it, where that differs (a container's volume). */
      bulkDirAtServer: z.string().min(1).optional(),
      /** How long a write waits for a remote store that cannot be reached (restarting) before it fails. */
      writeWaitMs: z.coerce.number().int().min(0).default(60_000),
    })
    .default({}),
});

export type Config = z.infer<typeof configSchema>;
export type EmbeddedStoreConfig = Config['embedded'];
export type RemoteStoreConfig = Config['remote'];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Which environment variable feeds which setting (secrets come only from here). */
const envNames: Record<string, string> = {
  HOST: 'host',
  PORT: 'port',
  DATA_DIR: 'dataDir',
  PUBLIC_BASE_URL: 'publicBaseUrl',
  LOG_LEVEL: 'logLevel',
  ADMIN_TOKEN: 'adminToken',
  THESAURUS_TOKENS: 'thesaurusTokens',
  STORE: 'store',
  DEMO_CATALOGUE: 'demoCatalogue',
  BUNDLED_THESAURUS: 'bundledThesaurus',
  QUERY_TIMEOUT_MS: 'queryTimeoutMs',
  SPARQL_MAX_CONCURRENT: 'sparqlMaxConcurrent',
  SPARQL_MAX_ROWS: 'sparqlMaxRows',
  SPARQL_QUEUE_WAIT_MS: 'sparqlQueueWaitMs',
  QUERY_RESULT_LIMIT_BYTES: 'queryResultLimitBytes',
  IRI_BASE: 'iriBase',
  GRAPHQL_TIMEOUT_MS: 'graphql.timeoutMs',
  GRAPHQL_MAX_COST: 'graphql.maxCost',
  GRAPHQL_MAX_FIELDS: 'graphql.maxFields',
  GRAPHQL_EXPENSIVE_COST: 'graphql.expensiveCost',
  GRAPHQL_MAX_EXPENSIVE: 'graphql.maxExpensive',
  MAX_PUBLIC_BODY_BYTES: 'maxPublicBodyBytes',
  MAX_WRITE_BODY_BYTES: 'maxWriteBodyBytes',
  SPARQL_FEDERATION_ALLOW: 'federationAllowList',
  SPARQL_FEDERATION_ALLOW_INTERNAL: 'federationAllowInternal',
  RESUMPTION_TOKEN_SECRET: 'resumptionTokenSecret',
  OAI_ADMIN_EMAIL: 'oaiAdminEmail',
  MAILLAGE_SOURCES: 'sourcesFile',
  HARVEST_INTERVAL_MINUTES: 'harvestIntervalMinutes',
  DCAT_AP_SHAPES: 'dcatApShapes',
  DERIVE_WORKERS: 'deriveWorkers',
  SEARCH_READERS: 'searchReaders',
  ORCID_ISSUER: 'personal.orcidIssuer',
  ORCID_CLIENT_ID: 'personal.orcidClientId',
  ORCID_CLIENT_SECRET: 'personal.orcidClientSecret',
  ADMIN_ORCIDS: 'personal.admins',
  SMTP_URL: 'personal.smtpUrl',
  MAIL_FROM: 'personal.mailFrom',
  QUESTION_CONTACTS: 'personal.questionContacts',
  ALERT_CHECK_MS: 'personal.alertCheckMs',
  OPEN_WITH: 'personal.openWith',
  MAP_TILE_URL: 'map.tileUrl',
  MAP_TILE_ATTRIBUTION: 'map.tileAttribution',
  EMBEDDED_REPLICAS: 'embedded.replicas',
  STORE_CAPACITY_QUADS: 'embedded.capacityQuads',
  SNAPSHOT_AFTER_OPS: 'embedded.snapshotAfterOps',
  SNAPSHOT_AFTER_BYTES: 'embedded.snapshotAfterBytes',
  SQLITE_SYNCHRONOUS: 'embedded.synchronous',
  REMOTE_QUERY_URL: 'remote.queryUrl',
  REMOTE_UPDATE_URL: 'remote.updateUrl',
  REMOTE_GRAPH_STORE_URL: 'remote.graphStoreUrl',
  REMOTE_USER: 'remote.user',
  REMOTE_PASSWORD: 'remote.password',
  REMOTE_DEFAULT_GRAPH: 'remote.defaultGraph',
  REMOTE_MAX_REQUEST_BYTES: 'remote.maxRequestBytes',
  REMOTE_WRITE_CONCURRENCY: 'remote.writeConcurrency',
  REMOTE_WRITE_PROTOCOL: 'remote.writeProtocol',
  REMOTE_BULK_DIR: 'remote.bulkDir',
  REMOTE_BULK_DIR_AT_SERVER: 'remote.bulkDirAtServer',
  REMOTE_MAX_SORTED_ROWS: 'remote.maxSortedRows',
  REMOTE_WRITE_WAIT_MS: 'remote.writeWaitMs',
};
const secretKeys = new Set(['adminToken', 'thesaurusTokens', 'remote.password', 'resumptionTokenSecret', 'personal.orcidClientSecret', 'personal.smtpUrl']);

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

function readConfigFile(file: string, problems: string[]): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      problems.push(`${file}: must hold a JSON object`);
      return {};
    }
    return parsed as Record<string, unknown>;
  } catch (error) {
    problems.push(`${file}: ${(error as Error).message}`);
    return {};
  }
}

function hasPath(source: Record<string, unknown>, dotted: string): boolean {
  let node: unknown = source;
  for (const key of dotted.split('.')) {
    if (typeof node !== 'object' || node === null || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

/**
 * Builds the configuration from (lowest to highest precedence) defaults, the JSON file named by
 * MAILLAGE_CONFIG (or ./maillage.config.json when present), and environment variables.
 */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: Record<string, unknown> = {}): Readonly<Config> {
  const problems: string[] = [];
  const file = env.MAILLAGE_CONFIG ?? (existsSync('maillage.config.json') ? 'maillage.config.json' : undefined);
  const raw: Record<string, unknown> = file ? readConfigFile(path.resolve(file), problems) : {};
  for (const secret of secretKeys) {
    if (hasPath(raw, secret)) problems.push(`${secret}: secrets are read only from the environment, not from ${file}`);
  }
  for (const [name, key] of Object.entries(envNames)) {
    const value = env[name];
    if (value !== undefined && value !== '') setPath(raw, key, value);
  }
  for (const [key, value] of Object.entries(overrides)) setPath(raw, key, value);

  const result = configSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const remote = raw.remote as { queryUrl?: unknown; writeProtocol?: unknown; bulkDir?: unknown; bulkDirAtServer?: unknown } | undefined;
  if (raw.store === 'remote' && !remote?.queryUrl) {
    problems.push('remote.queryUrl (REMOTE_QUERY_URL): required when STORE=remote');
  }
  if (remote?.writeProtocol === 'virtuoso-bulk' && !remote.bulkDir) problems.push('remote.bulkDir (REMOTE_BULK_DIR): required when REMOTE_WRITE_PROTOCOL=virtuoso-bulk');
  for (const [key, env] of [['bulkDir', 'REMOTE_BULK_DIR'], ['bulkDirAtServer', 'REMOTE_BULK_DIR_AT_SERVER']] as const) {
    const value = remote?.[key];
    const problem = typeof value === 'string' ? bulkFolderProblem(value) : null;
    if (problem) problems.push(`remote.${key} (${env}): ${problem}`);
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return deepFreeze(result.data);
}

/** A folder path that can stand in a SQL string literal as it is (Virtuoso's bulk loader reads files there). */
const plainPath = /^[A-Za-z0-9_.\-/: ]+$/;

/** Why a bulk folder cannot be used, or null. */
export function bulkFolderProblem(folder: string): string | null {
  if (!path.isAbsolute(folder) && !/^[A-Za-z]:/.test(folder)) return 'must be an absolute path';
  if (!plainPath.test(folder)) return "may hold only letters, digits, spaces and _ . - / : (a SQL string holds it; write C:/… rather than C:\\…)";
  return null;
}

/** The DCAT-AP 3.0 shapes the product carries (shapes/dcat-ap-3/: shapes.ttl, range.ttl). */
export const bundledDcatApShapes = new URL('../../shapes/dcat-ap-3/', import.meta.url).pathname;

/** The folder of DCAT-AP 3.0 shapes to validate with: DCAT_AP_SHAPES (e.g. the published files), else the bundled ones. */
export function resolveDcatApShapes(config: Readonly<Config>): string {
  return config.dcatApShapes ? path.resolve(config.dcatApShapes) : bundledDcatApShapes;
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
