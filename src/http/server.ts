// Owns running the service: open the store, serve the app, and shut down gracefully (stop
// accepting, let requests and store writes in flight finish, then close the store).
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config/index.js';
import type { Logger } from '../log/index.js';
import { loadDemoCatalogueOnce } from '../demo/index.js';
import { deriveChanged, openDerivation, Realigner, reindex, type DeriveDeps } from '../derive/index.js';
import { openRecordsDatabase, PublishedItems, RawRecordStore } from '../records/index.js';
import { openGraphStore, type GraphStore } from '../store/index.js';
import { loadBundledThesaurus, ThesaurusEditor, ThesaurusHistory, thesaurusGraph, ThesaurusService } from '../thesaurus/index.js';
import { openSearchReaders } from '../search/index.js';
import { ServiceHarvests, sourcePriorities } from '../harvest/index.js';
import { priorityLookup } from '../linking/index.js';
import { version } from '../version.js';
import { createApp } from './app.js';
import { AlertScheduler, OrcidSignIn, PersonalSpace, serviceSecret, smtpMailer, UnsubscribeLinks, type Question } from '../personal/index.js';
import { newDatasetsFinder, notifyQuestion } from './personal/mail-notices.js';

export interface RunningServer {
  url: string;
  store: GraphStore;
  close(): Promise<void>;
}

export async function startServer(config: Readonly<Config>, logger: Logger, store?: GraphStore): Promise<RunningServer> {
  const graphStore = store ?? (await openGraphStore(config, logger));
  const recordsDb = openRecordsDatabase(config.dataDir, { synchronous: config.embedded.synchronous });
  const records = new RawRecordStore(recordsDb);
  const thesaurusHistory = new ThesaurusHistory(recordsDb);
  if (config.bundledThesaurus) await loadBundledThesaurus(graphStore, logger, thesaurusHistory.isEdited(thesaurusGraph));
  if (config.demoCatalogue) await loadDemoCatalogueOnce(records, config.dataDir, logger);
  const derivation = await openDerivation(config, logger, { db: recordsDb, records, store: graphStore, sourcesFile: config.sourcesFile });
  await deriveAllChanged(derivation, records, logger);
  const searchReaders = await openSearchReaders(config.dataDir, config.searchReaders);
  const thesaurus = new ThesaurusService(graphStore);
  await thesaurus.refresh();
  const thesaurusEditor = new ThesaurusEditor(graphStore, thesaurus, thesaurusHistory);
  const settled = await thesaurusEditor.recoverInterruptedWrites();
  if (settled.confirmed + settled.discarded + settled.releasesCompleted > 0) logger.warn(settled, 'thesaurus writes cut by the last stop were settled against the store');
  const realigner = new Realigner(derivation, logger);
  const harvests = new ServiceHarvests({ records, sourcesFile: config.sourcesFile, deriveChanged: (source) => deriveChanged(derivation, source), logger });
  harvests.schedule(config.harvestIntervalMinutes);
  thesaurusEditor.onChange((event) => void realigner.schedule(event));
  const personal = new PersonalSpace(recordsDb, { admins: config.personal.admins });
  const { orcidClientId, orcidClientSecret, smtpUrl } = config.personal;
  const signIn = orcidClientId && orcidClientSecret ? new OrcidSignIn({ issuer: config.personal.orcidIssuer, clientId: orcidClientId, clientSecret: orcidClientSecret }) : null;
  const mailer = smtpUrl ? smtpMailer(smtpUrl, config.personal.mailFrom) : null;
  if (!signIn) logger.info('sign-in with ORCID is off (ORCID_CLIENT_ID and ORCID_CLIENT_SECRET unset)');
  if (!mailer) logger.info('e-mail is off (SMTP_URL unset): no alerts, no question notices');
  const unsubscribeLinks = new UnsubscribeLinks(serviceSecret(recordsDb, 'unsubscribe'));
  const contacts = config.personal.questionContacts;
  const app = createApp({
    personal,
    signIn,
    unsubscribeLinks,
    openWith: config.personal.openWith,
    ...(mailer && contacts.length > 0 ? { notifyQuestion: (question: Question, sources: string[]) => notifyQuestion(mailer, contacts, question, sources, config.publicBaseUrl, logger) } : {}),
    store: graphStore,
    records,
    harvests,
    derivations: derivation.derivations,
    thesaurus,
    thesaurusEditor,
    thesaurusTokens: config.thesaurusTokens,
    logger,
    version,
    iriBase: config.iriBase,
    queryTimeoutMs: config.queryTimeoutMs,
    queryResultLimitBytes: config.queryResultLimitBytes,
    items: new PublishedItems(recordsDb),
    oaiAdminEmail: config.oaiAdminEmail,
    search: searchReaders,
    links: derivation.links,
    sourcePriority: priorityLookup(sourcePriorities(config.sourcesFile)),
    graphqlLimits: config.graphql,
    maxPublicBodyBytes: config.maxPublicBodyBytes,
    maxBodyBytes: config.maxWriteBodyBytes,
    federation: { allowList: config.federationAllowList, allowInternalAddresses: config.federationAllowInternal },
    sparqlMaxConcurrent: config.sparqlMaxConcurrent,
    sparqlMaxRows: config.sparqlMaxRows,
    map: { ...(config.map.tileUrl ? { tileUrl: config.map.tileUrl } : {}), tileAttribution: config.map.tileAttribution },
    ...(config.resumptionTokenSecret ? { resumptionTokenSecret: config.resumptionTokenSecret } : {}),
    ...(config.publicBaseUrl ? { publicBaseUrl: config.publicBaseUrl } : {}),
    ...(config.adminToken ? { adminToken: config.adminToken } : {}),
  });
  const server: ServerType = await new Promise((resolve, reject) => {
    const started = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(started));
    started.once('error', reject);
  });
  // Idle keep-alive sockets outlive the clients' own idle timeouts (undici: 4 s; proxies: 60 s), so
  // a client never sends a request on a socket the server is closing at that moment (ECONNRESET).
  if ('keepAliveTimeout' in server) {
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url, backend: graphStore.backend, version }, 'maillage listening');
  const alerts = mailer
    ? new AlertScheduler({ db: recordsDb, accounts: personal.accounts, searches: personal.searches, mailer, findNew: newDatasetsFinder(app), origin: (config.publicBaseUrl ?? url).replace(/\/+$/, ''), links: unsubscribeLinks, logger })
    : null;
  alerts?.start(config.personal.alertCheckMs);

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => {
        // Requests in flight finish; their sockets are closed as soon as they fall idle.
        const closeIdle = (): void => {
          if ('closeIdleConnections' in server) server.closeIdleConnections();
        };
        const sweep = setInterval(closeIdle, 50);
        server.close(() => {
          clearInterval(sweep);
          resolve();
        });
        closeIdle();
      });
      await alerts?.stop();
      await harvests.stop();
      mailer?.close();
      await searchReaders.close();
      await realigner.idle();
      await derivation.close();
      await graphStore.close();
      recordsDb.close();
      logger.info('maillage stopped');
    })());
  return { url, store: graphStore, close };
}

/** Brings every source's graphs up to date with its raw records (after harvests made offline). */
async function deriveAllChanged(deps: DeriveDeps, records: RawRecordStore, logger: Logger): Promise<void> {
  // A data directory from before the search index: derive everything once to fill it.
  if ((deps.search.documents() === 0 || deps.links.isEmpty()) && deps.derivations.sources().some((s) => deps.derivations.summary(s).published > 0)) {
    logger.info('search or link index empty: re-deriving every record once to build them');
    await reindex(deps, null);
  }
  for (const source of records.sources()) {
    const started = performance.now();
    const progress = await deriveChanged(deps, source);
    if (progress.done > 0) logger.info({ source, ...progress, ms: Math.round(performance.now() - started) }, 'records derived');
  }
}

/** Ends the process cleanly on SIGTERM/SIGINT; a second signal, or 60 s, forces it. */
export function stopOnSignals(server: RunningServer, logger: Logger): void {
  const stop = (signal: string): void => {
    logger.info({ signal }, 'shutting down: finishing requests and writes in flight');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 60_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
