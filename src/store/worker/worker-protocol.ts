// Owns the messages between the main thread and an Oxigraph worker (one replica of the store).
import type { JournalEntry } from '../../records/index.js';
import type { PrepareRequest, PreparedRdf } from './rdf-preparation.js';

export interface WorkerSettings {
  /** 'replica' holds a store; 'parser' only prepares payloads (used by the remote backend). */
  role: 'replica' | 'parser';
  dataDir: string;
}

export interface WorkerQuery {
  sparql: string;
  format: string;
  defaultGraphs?: string[];
  defaultGraphOnly?: boolean;
  namedGraphs?: string[];
  baseIri?: string;
  maxResultBytes?: number;
  /** Most rows a SELECT may answer (the query text asks for at most one more, to tell). */
  maxRows?: number;
}

export type WorkerRequest =
  | { type: 'prepare'; request: PrepareRequest; countGraph?: string }
  | { type: 'apply'; entries: JournalEntry[] }
  | { type: 'query'; query: WorkerQuery }
  | { type: 'rebuild'; upTo: number }
  | { type: 'snapshot'; file: string }
  | { type: 'stats' };

export interface WorkerReplies {
  prepare: PreparedRdf & { graphQuads: number };
  apply: { size: number; failures: Array<{ seq: number; message: string }> };
  query: { body: string };
  rebuild: { size: number; snapshotSeq: number; replayed: number; ms: number };
  snapshot: { quads: number; graphs: number; ms: number };
  stats: { size: number; graphs: number };
}

export type Envelope = WorkerRequest & { id: number };

export interface SerializedError {
  name: string;
  message: string;
  /** A system error's code (ENOSPC…), kept so the main thread can tell a full disk. */
  code?: string;
  details?: Record<string, unknown>;
}

export type WorkerMessage =
  | { id: number; kind: 'started' }
  | { id: number; kind: 'ok'; result: unknown }
  | { id: number; kind: 'error'; error: SerializedError }
  /** The worker asks to be ended and rebuilt (its state can no longer be trusted). */
  | { id: 0; kind: 'ending'; reason: string };
