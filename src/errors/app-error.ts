// Owns the error vocabulary shared by every stage: each class has a fixed HTTP status and a
// stable problem type URI (RFC 9457), so HTTP and CLI report the same failure the same way.

const problemBase = 'https://maillage.recherche.data.gouv.fr/problems/';

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly slug: string;
  abstract readonly title: string;
  /** Extra members for the problem document (e.g. line and column of a syntax error). */
  readonly details: Record<string, unknown>;

  constructor(message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.details = details;
  }

  get type(): string {
    return problemBase + this.slug;
  }
}

/** The request or input is malformed (bad RDF syntax, bad SPARQL, bad parameter). */
export class BadRequestError extends AppError {
  readonly status = 400;
  readonly slug = 'bad-request';
  readonly title = 'Bad request';
}

export class RdfSyntaxError extends AppError {
  readonly status = 400;
  readonly slug = 'rdf-syntax';
  readonly title = 'The RDF payload could not be parsed';
}

export class QuerySyntaxError extends AppError {
  readonly status = 400;
  readonly slug = 'sparql-syntax';
  readonly title = 'The SPARQL request could not be parsed';
}

/** A query whose answer is larger than the endpoint hands out in one response. */
export class ResultTooLargeError extends AppError {
  readonly status = 400;
  readonly slug = 'result-too-large';
  readonly title = 'The query result is larger than allowed';
}

/** A query needed more memory than one query may use (e.g. sorting a cartesian product). */
export class QueryTooCostlyError extends AppError {
  readonly status = 400;
  readonly slug = 'query-too-costly';
  readonly title = 'The query needs more memory than one query may use';
}

/** The HTTP method is not one this resource answers. */
export class MethodNotAllowedError extends AppError {
  readonly status = 405;
  readonly slug = 'method-not-allowed';
  readonly title = 'Method not allowed';
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly slug = 'unauthorized';
  readonly title = 'Authentication required';
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly slug = 'forbidden';
  readonly title = 'Not allowed';
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly slug = 'not-found';
  readonly title = 'Not found';
}

export class NotAcceptableError extends AppError {
  readonly status = 406;
  readonly slug = 'not-acceptable';
  readonly title = 'No acceptable representation';
}

export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly slug = 'unsupported-media-type';
  readonly title = 'Unsupported media type';
}

/** The disk holding the data directory is full: the write was not made, nothing stored was lost. */
export class DiskFullError extends AppError {
  readonly status = 507;
  readonly slug = 'disk-full';
  readonly title = 'The disk holding the data directory is full';
}

/**
 * The DiskFullError for an error of the file system (ENOSPC, EDQUOT) or of SQLite (SQLITE_FULL),
 * else null. SQLite rolls the transaction back and a file is written under a temporary name first,
 * so such an error leaves what was stored as it was.
 */
export function diskFullErrorOf(error: unknown): DiskFullError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'ENOSPC' && code !== 'EDQUOT' && code !== 'SQLITE_FULL') return null;
  if (error instanceof DiskFullError) return error;
  return new DiskFullError(`The disk holding the data directory is full (${(error as Error).message}); nothing already stored was lost: free some space and run the work again, it goes on where it stopped`, {}, { cause: error });
}

/** A write that would take the embedded store past its configured capacity. */
export class CapacityExceededError extends AppError {
  readonly status = 507;
  readonly slug = 'capacity-exceeded';
  readonly title = 'The graph store is full';
}

export class UpstreamError extends AppError {
  readonly status = 502;
  readonly slug = 'upstream';
  readonly title = 'The upstream service failed';
}

/** The change conflicts with the resource's state (an IRI already taken, a deletion refused). */
export class ConflictError extends AppError {
  readonly status = 409;
  readonly slug = 'conflict';
  readonly title = 'Conflict with the current state';
}

/** If-Match named another version than the current one: someone else changed it meanwhile. */
export class PreconditionFailedError extends AppError {
  readonly status = 412;
  readonly slug = 'precondition-failed';
  readonly title = 'The resource changed since you read it';
}

/** A change to an existing resource came without If-Match (RFC 6585), so it could overwrite another. */
export class PreconditionRequiredError extends AppError {
  readonly status = 428;
  readonly slug = 'precondition-required';
  readonly title = 'If-Match is required';
}

/** The change would break the vocabulary's integrity; `problems` lists what it breaks. */
export class IntegrityError extends AppError {
  readonly status = 422;
  readonly slug = 'thesaurus-integrity';
  readonly title = 'The change breaks the thesaurus integrity';
}

/** The store is starting, rebuilding or shutting down. */
export class UnavailableError extends AppError {
  readonly status = 503;
  readonly slug = 'unavailable';
  readonly title = 'Service unavailable';
}

export class QueryTimeoutError extends AppError {
  readonly status = 503;
  readonly slug = 'query-timeout';
  readonly title = 'The query ran past its time limit';
}

/** The request body is larger than this route takes; the service stopped reading it. */
export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly slug = 'payload-too-large';
  readonly title = 'The request body is too large';
}

/** Too many heavy requests run at once; the client should retry shortly. */
export class TooBusyError extends AppError {
  readonly status = 503;
  readonly slug = 'too-busy';
  readonly title = 'Too many requests of this kind run at once';
}

/** A URL the service was asked to fetch (SERVICE, a JSON-LD context) is not on its allow-list. */
export class ForbiddenUrlError extends AppError {
  readonly status = 403;
  readonly slug = 'forbidden-url';
  readonly title = 'The service does not fetch this URL';
}

const byName: Record<string, new (message: string, details?: Record<string, unknown>) => AppError> = {
  BadRequestError,
  RdfSyntaxError,
  QuerySyntaxError,
  ResultTooLargeError,
  QueryTooCostlyError,
  MethodNotAllowedError,
  UnauthorizedError,
  ForbiddenError,
  NotFoundError,
  NotAcceptableError,
  UnsupportedMediaTypeError,
  CapacityExceededError,
  DiskFullError,
  UpstreamError,
  UnavailableError,
  QueryTimeoutError,
  ConflictError,
  PreconditionFailedError,
  PreconditionRequiredError,
  IntegrityError,
  PayloadTooLargeError,
  TooBusyError,
  ForbiddenUrlError,
};

/** Rebuilds an error that crossed a thread boundary as its own AppError class, when it was one. */
export function reviveError(error: { name: string; message: string; code?: string; details?: Record<string, unknown> }): Error {
  const AppErrorClass = byName[error.name];
  if (AppErrorClass) return new AppErrorClass(error.message, error.details ?? {});
  const revived = new Error(error.message) as NodeJS.ErrnoException;
  revived.name = error.name;
  if (error.code) revived.code = error.code;
  return revived;
}
