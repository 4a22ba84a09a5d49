// Owns thesaurus releases on OntoPortal's submission paths: publish a dated version (admin), list
// them, download any of them in any format, and the concept-by-concept diff between two versions
// (a release or the working copy, "current").
import { Hono, type Context } from 'hono';
import { Parser } from 'n3';
import { BadRequestError, NotFoundError } from '../../errors/index.js';
import { mediaTypes, serializeQuads } from '../../rdf/index.js';
import { diffSchemes, type ConceptScheme, type ThesaurusEditor, type ThesaurusRelease, type ThesaurusService } from '../../thesaurus/index.js';
import { type View, schemeOfPath, viewOf } from './class-json.js';
import { jsonBody, schemeDownload } from './request-body.js';
import type { ThesaurusRoles } from './thesaurus-roles.js';

function submissionJson(view: View, acronym: string, release: ThesaurusRelease, submissionId: number) {
  const self = `${view.base}/ontologies/${acronym}/submissions/${encodeURIComponent(release.version)}`;
  return {
    '@id': self,
    '@type': 'http://data.bioontology.org/metadata/OntologySubmission',
    submissionId,
    version: release.version,
    released: release.releasedAt,
    creationDate: release.releasedAt,
    releasedBy: release.actor,
    description: release.description,
    conceptCount: release.concepts,
    ontology: { acronym, '@id': `${view.base}/ontologies/${acronym}` },
    links: { download: `${self}/download`, diffWithCurrent: `${view.base}/ontologies/${acronym}/diff?from=${encodeURIComponent(release.version)}&to=current` },
  };
}

export function thesaurusReleaseRoutes(thesaurus: ThesaurusService, editor: ThesaurusEditor, access: ThesaurusRoles): Hono {
  const schemeOf = (c: Context): ConceptScheme => schemeOfPath(thesaurus, c);
  /** Releases oldest first, numbered from 1 as OntoPortal numbers submissions. */
  const numbered = (scheme: ConceptScheme) => editor.history.releases(scheme.info.iri).reverse().map((release, i) => ({ release, id: i + 1 }));
  const versionOf = (c: Context, scheme: ConceptScheme, version: string): ConceptScheme =>
    version === 'current' ? scheme : editor.releasedScheme(scheme.info.acronym, version).scheme;

  return new Hono()
    .post('/ontologies/:acronym/submissions', async (c) => {
      const actor = access.require(c, 'admin');
      const scheme = schemeOf(c);
      let body: { version?: unknown; description?: unknown } = {};
      if ((c.req.header('content-length') ?? '0') !== '0') body = (await jsonBody(c, '{"version": ..., "description": ...}')) as typeof body;
      if (body.version !== undefined && (typeof body.version !== 'string' || !/^[\w.-]{1,40}$/.test(body.version) || body.version === 'current')) {
        throw new BadRequestError('version is 1 to 40 letters, digits, ".", "_" or "-" (default: today’s date)');
      }
      if (body.description !== undefined && typeof body.description !== 'string') throw new BadRequestError('description is text');
      const release = await editor.release(scheme.info.acronym, actor.name, {
        ...(typeof body.version === 'string' ? { version: body.version } : {}),
        ...(typeof body.description === 'string' ? { description: body.description } : {}),
      });
      const json = submissionJson(viewOf(c), scheme.info.acronym, release, numbered(scheme).length);
      c.header('location', json['@id']);
      return c.json(json, 201);
    })
    .get('/ontologies/:acronym/submissions', (c) => {
      const scheme = schemeOf(c);
      const view = viewOf(c);
      return c.json(numbered(scheme).reverse().map(({ release, id }) => submissionJson(view, scheme.info.acronym, release, id)));
    })
    .get('/ontologies/:acronym/latest_submission', (c) => {
      const scheme = schemeOf(c);
      const latest = numbered(scheme).pop();
      if (!latest) throw new NotFoundError(`${scheme.info.acronym} has no release yet`);
      return c.json(submissionJson(viewOf(c), scheme.info.acronym, latest.release, latest.id));
    })
    .get('/ontologies/:acronym/submissions/:version', (c) => {
      const scheme = schemeOf(c);
      const found = numbered(scheme).find(({ release, id }) => release.version === c.req.param('version') || String(id) === c.req.param('version'));
      if (!found) throw new NotFoundError(`${scheme.info.acronym} has no release ${c.req.param('version')}`);
      return c.json(submissionJson(viewOf(c), scheme.info.acronym, found.release, found.id));
    })
    .get('/ontologies/:acronym/submissions/:version/download', (c) => {
      const scheme = schemeOf(c);
      const version = c.req.param('version');
      const { ntriples, scheme: released } = editor.releasedScheme(scheme.info.acronym, version);
      return schemeDownload(c, released, `${scheme.info.acronym.toLowerCase()}-${version}`, async (mediaType) =>
        mediaType === mediaTypes.nTriples ? ntriples : serializeQuads(new Parser({ format: 'N-Triples' }).parse(ntriples), mediaType, { skos: 'http://www.w3.org/2004/02/skos/core#' }),
      );
    })
    .get('/ontologies/:acronym/diff', (c) => {
      const scheme = schemeOf(c);
      const latest = numbered(scheme).pop()?.release.version;
      const from = c.req.query('from') ?? latest;
      const to = c.req.query('to') ?? 'current';
      if (!from) throw new BadRequestError(`${scheme.info.acronym} has no release yet: give from=<version>`);
      const view = viewOf(c);
      const diff = diffSchemes(versionOf(c, scheme, from), versionOf(c, scheme, to), view.lang);
      return c.json({
        ontology: scheme.info.acronym,
        from,
        to,
        summary: { added: diff.added.length, removed: diff.removed.length, deprecated: diff.deprecated.length, changed: diff.changed.length },
        ...diff,
      });
    });
}
