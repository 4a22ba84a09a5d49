// Owns the harvest reports over HTTP: the runs (newest first, by source) and one run with the
// records it kept aside.
import { Hono } from 'hono';
import { BadRequestError, NotFoundError } from '../errors/index.js';
import type { RawRecordStore } from '../records/index.js';

export function harvestReportRoutes(records: RawRecordStore): Hono {
  return new Hono()
    .get('/', (c) => {
      const limit = Number(c.req.query('limit') ?? 50);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new BadRequestError('limit must be a whole number from 1 to 1000');
      const source = c.req.query('source');
      return c.json({ runs: records.runs({ ...(source ? { source } : {}), limit }) });
    })
    .get('/:id', (c) => {
      const id = Number(c.req.param('id'));
      const run = Number.isInteger(id) ? records.run(id) : null;
      if (!run) throw new NotFoundError(`No harvest run ${c.req.param('id')}`);
      return c.json({ ...run, failures: records.failures(id) });
    });
}
