// Owns the thesaurus write API on OntoPortal's paths: create a class (POST .../classes, JSON or a
// CSV of many), change one (PATCH/PUT .../classes/{id} with If-Match), import a whole scheme
// (PUT /ontologies/{acronym}), and the change history per class, per ontology and overall.
import { publicUrl } from '../public-origin.js';
import { Hono, type Context } from 'hono';
import { BadRequestError, MethodNotAllowedError } from '../../errors/index.js';
import { rdfFormatOf } from '../../rdf/index.js';
import {
  changedFields,
  conceptEtag,
  csvAsEdits,
  parseConceptFields,
  schemeFromCsv,
  schemeFromRdf,
  type ConceptScheme,
  type EditMode,
  type ThesaurusChange,
  type ThesaurusEditor,
  type ThesaurusService,
} from '../../thesaurus/index.js';
import { type View, classJson, ontologyJson, schemeOfPath, viewOf } from './class-json.js';
import { jsonBody, mediaTypeOf } from './request-body.js';
import type { ThesaurusRoles } from './thesaurus-roles.js';

function changeJson(view: View, acronym: string, change: ThesaurusChange) {
  return {
    seq: change.seq,
    ontology: acronym,
    concept: change.concept,
    action: change.action,
    actor: change.actor,
    at: change.at,
    comment: change.comment,
    changes: change.concept ? changedFields(change.before, change.after) : {},
    links: { ontology: `${view.base}/ontologies/${acronym}`, ...(change.concept ? { concept: `${view.base}/ontologies/${acronym}/classes/${encodeURIComponent(change.concept)}` } : {}) },
  };
}

export function thesaurusEditRoutes(thesaurus: ThesaurusService, editor: ThesaurusEditor, access: ThesaurusRoles): Hono {
  const schemeOf = (c: Context): ConceptScheme => schemeOfPath(thesaurus, c);
  const respondWithClass = (c: Context, acronym: string, iri: string, status: 200 | 201) => {
    const scheme = thesaurus.scheme(acronym)!;
    const concept = scheme.concepts.get(iri)!;
    const json = classJson(viewOf(c), scheme, concept);
    c.header('etag', conceptEtag(concept));
    if (status === 201) c.header('location', json.links.self);
    return c.json(json, status);
  };
  const changeOne = async (c: Context, mode: EditMode) => {
    const actor = access.require(c, 'editor');
    const scheme = schemeOf(c);
    const iri = c.req.param('id') ?? '';
    const fields = parseConceptFields(await jsonBody(c, 'the concept'));
    if (fields['@id'] !== undefined && fields['@id'] !== iri) throw new BadRequestError('@id differs from the class in the path; a concept’s IRI never changes');
    const ifMatch = c.req.header('if-match');
    await editor.edit(scheme.info.acronym, [{ mode, iri, fields }], actor.name, ifMatch !== undefined ? { ifMatch } : {});
    return respondWithClass(c, scheme.info.acronym, iri, 200);
  };
  const history = (c: Context, scheme: ConceptScheme | null, concept?: string) => {
    access.require(c, 'viewer');
    const view = viewOf(c);
    const limit = Number(c.req.query('pagesize') ?? 50);
    const before = c.req.query('before');
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new BadRequestError('pagesize must be a whole number from 1 to 500');
    if (before !== undefined && !/^\d+$/.test(before)) throw new BadRequestError('before must be a change number (seq)');
    const changes = editor.history.changes(scheme?.info.iri ?? null, { ...(concept ? { concept } : {}), limit: limit + 1, ...(before ? { before: Number(before) } : {}) });
    const acronymOf = (iri: string) => thesaurus.list().find((s) => s.info.iri === iri)?.info.acronym ?? iri;
    const next = changes.length > limit ? changes[limit - 1]!.seq : null;
    const url = publicUrl(c);
    if (next !== null) url.searchParams.set('before', String(next));
    return c.json({ collection: changes.slice(0, limit).map((change) => changeJson(view, acronymOf(change.scheme), change)), links: { nextPage: next !== null ? url.toString() : null } });
  };

  return new Hono()
    .post('/ontologies/:acronym/classes', async (c) => {
      const actor = access.require(c, 'editor');
      const scheme = schemeOf(c);
      if (mediaTypeOf(c) === 'text/csv') {
        const edits = csvAsEdits(await c.req.text(), scheme);
        const applied = await editor.edit(scheme.info.acronym, edits, actor.name, { action: 'import', comment: 'CSV import' });
        const created = edits.filter((e) => e.mode === 'create').length;
        return c.json({ created, updated: edits.length - created, touched: applied.touched.size, ontology: ontologyJson(viewOf(c), thesaurus.scheme(scheme.info.acronym)!) });
      }
      const fields = parseConceptFields(await jsonBody(c, 'the concept'));
      const applied = await editor.edit(scheme.info.acronym, [{ mode: 'create', fields }], actor.name);
      return respondWithClass(c, scheme.info.acronym, applied.edited[0]!, 201);
    })
    .patch('/ontologies/:acronym/classes/:id', (c) => changeOne(c, 'patch'))
    .put('/ontologies/:acronym/classes/:id', (c) => changeOne(c, 'put'))
    .delete('/ontologies/:acronym/classes/:id', () => {
      throw new MethodNotAllowedError('A published concept is never deleted: deprecate it with PATCH {"obsolete": true, "replacedBy": [...]}', { allow: 'GET, PATCH, PUT' });
    })
    .put('/ontologies/:acronym', async (c) => {
      const actor = access.require(c, 'admin');
      const acronym = c.req.param('acronym');
      const force = c.req.query('force') === 'true';
      const languages = c.req.query('languages')?.split(',').map((l) => l.trim()) ?? ['fr', 'en'];
      let prepared;
      if (mediaTypeOf(c) === 'text/csv') {
        const schemeIri = c.req.query('uri');
        if (!schemeIri || !/^https?:\/\/\S+$/.test(schemeIri)) throw new BadRequestError('A CSV import names its scheme: ?uri=<scheme IRI>');
        prepared = schemeFromCsv(await c.req.text(), { schemeIri, acronym, languages, ...(c.req.query('title') ? { title: c.req.query('title')! } : {}) });
      } else {
        // A file with several schemes, or concepts in none, names the scheme meant with ?scheme=IRI.
        const scheme = c.req.query('scheme');
        prepared = schemeFromRdf(new Uint8Array(await c.req.arrayBuffer()), rdfFormatOf(mediaTypeOf(c) || 'text/turtle'), { acronym, languages, ...(scheme ? { scheme } : {}) });
      }
      const existed = thesaurus.scheme(acronym) !== undefined;
      const scheme = await editor.importScheme(prepared, actor.name, { force });
      return c.json({ ...ontologyJson(viewOf(c), scheme), integrityProblems: prepared.problems.length }, existed ? 200 : 201);
    })
    .get('/changes', (c) => history(c, null))
    .get('/ontologies/:acronym/changes', (c) => history(c, schemeOf(c)))
    .get('/ontologies/:acronym/classes/:id/changes', (c) => history(c, schemeOf(c), c.req.param('id')));
}
