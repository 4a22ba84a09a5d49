// Owns the validation and quality reports over HTTP: a summary per source (published,
// quarantined, most frequent findings), a source's records by status, and one record's report
// (JSON, or a SHACL ValidationReport in Turtle) with its FAIR scores.
import { Hono } from 'hono';
import { BadRequestError, NotFoundError } from '../errors/index.js';
import type { DerivationStatus, RecordDerivations } from '../records/index.js';
import { reportAsTurtle, summarise, type Finding } from '../validation/index.js';

const statuses: DerivationStatus[] = ['published', 'quarantined', 'unmappable', 'deleted'];

export function validationReportRoutes(derivations: RecordDerivations): Hono {
  return new Hono()
    .get('/', (c) => c.json({ sources: derivations.sources().map((source) => derivations.summary(source)), runs: derivations.runs(10) }))
    .get('/:source', (c) => {
      const source = c.req.param('source');
      const status = c.req.query('status');
      if (status && !statuses.includes(status as DerivationStatus)) throw new BadRequestError(`status must be one of ${statuses.join(', ')}`);
      const limit = Number(c.req.query('limit') ?? 100);
      const offset = Number(c.req.query('offset') ?? 0);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000 || !Number.isInteger(offset) || offset < 0) throw new BadRequestError('limit must be 1 to 1000 and offset 0 or more');
      const summary = derivations.summary(source);
      if (summary.records === 0) throw new NotFoundError(`No derived records for source ${source}`);
      const records = derivations.list(source, { ...(status ? { status: status as DerivationStatus } : {}), limit, offset }).map((d) => ({
        recordId: d.recordId,
        status: d.status,
        resource: d.resource,
        graph: d.graph,
        violations: d.violations,
        warnings: d.warnings,
        error: d.error,
      }));
      return c.json({ ...summary, records });
    })
    .get('/:source/:recordId{.+}', async (c) => {
      const derivation = derivations.get(c.req.param('source'), c.req.param('recordId'));
      if (!derivation) throw new NotFoundError(`No record ${c.req.param('recordId')} in source ${c.req.param('source')}`);
      if ((c.req.header('accept') ?? '').includes('text/turtle')) {
        return c.body(await reportAsTurtle(summarise(derivation.report as Finding[], false)), 200, { 'content-type': 'text/turtle; charset=utf-8' });
      }
      const { conforms, violations, warnings, infos, report: findings } = derivation;
      return c.json({ ...derivation, report: { conforms, violations, warnings, infos, findings } });
    });
}
