// Owns RFC 9457 problem+json responses: AppErrors keep their status and type; anything else is a
// logged 500 that tells the client nothing internal.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, diskFullErrorOf } from '../errors/index.js';
import type { Logger } from '../log/index.js';
import { mediaTypes } from '../rdf/index.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

export function problemResponse(c: Context, problem: Problem, headers: Record<string, string> = {}): Response {
  return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode, { 'content-type': mediaTypes.problemJson, ...headers });
}

export function problemFromError(thrown: unknown, instance: string, logger: Logger): Problem {
  const error = diskFullErrorOf(thrown) ?? thrown;
  if (error !== thrown) logger.error({ err: thrown, instance }, 'disk full');
  if (error instanceof AppError) {
    return { type: error.type, title: error.title, status: error.status, detail: error.message, instance, ...error.details };
  }
  logger.error({ err: error, instance }, 'unexpected error');
  return { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'An unexpected error occurred; it has been logged.', instance };
}
