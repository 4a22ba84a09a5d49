// Owns the harvests over HTTP: the runs (newest first, by source), one run with the records it
// kept aside, and (administrators) starting a harvest of a declared source.
import { Hono } from 'hono';
import { BadRequestError, NotFoundError } from '../errors/index.js';
import type { ServiceHarvests } from '../harvest/index.js';
import type { RawRecordStore } from '../records/index.js';
import { assertAdmin } from './admin-auth.js';
import { publicUrl } from './public-origin.js';

export function harvestReportRoutes(records: RawRecordStore, harvests: ServiceHarvests | null, adminToken: string | undefined): Hono {
  return new Hono()
    .post('/', async (c) => {
      assertAdmin(c.req.header('authorization'), adminToken);
      if (!harvests) throw new NotFoundError('This service does not harvest by itself');
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        throw new BadRequestError('Send JSON: {"source": "<name in the sources file>", "full": false}');
      }
      const { source, full } = (body ?? {}) as { source?: unknown; full?: unknown };
      if (typeof source !== 'string' || source.length === 0 || source.length > 200) throw new BadRequestError('source is the name of a declared source (1 to 200 characters)');
      if (full !== undefined && typeof full !== 'boolean') throw new BadRequestError('full is true or false');
      const run = await harvests.start(source, { full: full === true });
      const location = new URL(`${run.id}`, `${publicUrl(c).toString().replace(/\/?$/, '/')}`).toString();
      c.header('location', location);
      return c.json({ ...run, links: { self: location } }, 202);
    })
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
