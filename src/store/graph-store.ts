// Owns the GraphStore contract that every other stage programs against; two backends implement it
// (embedded Oxigraph, remote SPARQL 1.1 Protocol + Graph Store Protocol).
import type { Quad, Term } from '@rdfjs/types';
import type { RdfMediaType, ResultsMediaType } from '../rdf/index.js';

/** Serialized RDF handed to the store. Blank node labels are scoped to one payload. */
export interface RdfPayload {
  data: string | Uint8Array;
  format: RdfMediaType;
  baseIri?: string;
}

/** One change inside an atomic batch. */
export type GraphWrite =
  | { kind: 'replace'; graph: string; payload: RdfPayload }
  | { kind: 'drop'; graph: string };

export interface LoadOptions {
  graph?: string;
  /** Called as chunks are committed: quads loaded so far, and in all. */
  onProgress?: (loaded: number, total: number) => void;
}

export interface WriteResult {
  /** Quads in the store after the write (embedded: exact; remote: not known, -1). */
  storeQuads: number;
  /** Quads the write brought in. */
  quadsWritten: number;
  /**
   * Graphs of a batch the store would not take (a remote server refusing one record's content),
   * with its reason; the batch's other writes are done. Absent when every write was taken.
   */
  refused?: Array<{ graph: string; reason: string }>;
}

export interface QueryOptions {
  timeoutMs?: number;
  /** IRIs of the graphs that form the default graph; when absent it is the union of all graphs. */
  defaultGraphs?: string[];
  /** The default graph is the store's own default graph, not a union (embedded store; to copy it). */
  defaultGraphOnly?: boolean;
  /** IRIs of the graphs that GRAPH patterns may see; when absent, all of them. */
  namedGraphs?: string[];
  baseIri?: string;
  signal?: AbortSignal;
  /** Largest serialized result handed back; a larger one fails with ResultTooLargeError. */
  maxResultBytes?: number;
  /**
   * The query's form, stated by a caller that wrote (or already parsed) the query: the store then
   * skips its own syntax check, which costs milliseconds of main-thread time per query.
   */
  form?: QueryForm;
  /**
   * 'public' for queries anyone can send (the SPARQL endpoint): the embedded store runs them on
   * replicas that leave at least one replica free for the catalogue's own reads, and refuses them
   * (TooBusyError) when none is free within a short wait. Our own reads are 'internal' (default).
   */
  lane?: 'public' | 'internal';
  /** Most rows a SELECT may answer; the query must already ask for at most maxRows + 1 (see capRows). */
  maxRows?: number;
}

export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE';

export type QueryResult =
  | { form: 'ASK'; boolean: boolean }
  | { form: 'SELECT'; variables: string[]; bindings: Array<Record<string, Term>> }
  | { form: 'CONSTRUCT' | 'DESCRIBE'; quads: Quad[] };

export interface SerializedResult {
  form: QueryForm;
  mediaType: string;
  body: string;
}

/** Media types a caller accepts for each kind of query result. */
export interface ResultFormats {
  results: ResultsMediaType;
  graph: RdfMediaType;
}

export interface StoreStats {
  backend: 'embedded' | 'remote';
  quads: number;
  graphs: number;
  /** Most quads the backend accepts, or null when it has no known limit. */
  capacityQuads: number | null;
  /** Backend-specific readiness details (replicas, journal position...). */
  details: Record<string, unknown>;
}

export interface GraphStore {
  readonly backend: 'embedded' | 'remote';
  /** Most rows the store sorts for an ORDER BY with a LIMIT (Virtuoso's MaxSortedTopRows); none when unbounded. */
  readonly maxSortedRows?: number;
  /** Runs a SPARQL query; terms come back as RDF/JS terms. */
  query(sparql: string, options?: QueryOptions): Promise<QueryResult>;
  /** Runs a SPARQL query and returns it serialized in the media type asked for. */
  querySerialized(sparql: string, formats: ResultFormats, options?: QueryOptions): Promise<SerializedResult>;
  /** SPARQL 1.1 Update, for administrators. */
  update(sparql: string, options?: { baseIri?: string }): Promise<WriteResult>;
  /** Replaces a named graph with the payload, atomically. */
  replaceGraph(graph: string, payload: RdfPayload): Promise<WriteResult>;
  dropGraph(graph: string): Promise<WriteResult>;
  /** Applies several replace/drop writes all together or not at all. */
  applyBatch(writes: GraphWrite[]): Promise<WriteResult>;
  /** Adds quads (bulk load). Triple formats go to `graph`, or to the default graph. */
  load(payload: RdfPayload, options?: LoadOptions): Promise<WriteResult>;
  /**
   * Adds an N-Triples or N-Quads file of any size as one write, read as a stream in bounded memory
   * (embedded store; callers fall back to load() where it is absent).
   */
  loadFile?(input: AsyncIterable<Uint8Array | string>, options: { format: RdfMediaType; graph?: string; onProgress?: (bytesRead: number, quads: number) => void }): Promise<WriteResult>;
  /** Streams every quad as N-Quads text chunks. */
  dump(sink: (chunk: string) => void | Promise<void>): Promise<{ quads: number }>;
  /** Replaces the whole store with an N-Quads dump, all together or not at all. */
  restore(nquads: AsyncIterable<string | Uint8Array>): Promise<WriteResult>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}
