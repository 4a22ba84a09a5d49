// What a process killed in the middle of a thesaurus write leaves, settled at the next start: an
// edit recorded (pending) and made in the store joins the history; one recorded but never made in
// the store leaves no trace; a release whose copy was kept before the store's versionInfo was set
// gets its versionInfo. (bench/thesaurus-faults.ts kills the service for real; this states each case.)
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/http/index.js';
import { temporaryDataDir } from '../support/embedded-store.js';
import { startTestServer } from '../support/service.js';

const mt = 'https://w3id.org/maillage/thesaurus/';
const editor = 'editor-token-0123456789';
const env = { BUNDLED_THESAURUS: 'true', DEMO_CATALOGUE: 'false', THESAURUS_TOKENS: `eve:editor:${editor}` };

describe('thesaurus writes cut by a crash', () => {
  const data = temporaryDataDir('thesaurus-interrupted');
  let server: RunningServer | null = null;
  afterAll(async () => {
    await server?.close();
    data.remove();
  });
  const cls = (iri: string) => `${server!.url}/ontologies/MAILLAGE/classes/${encodeURIComponent(iri)}`;

  it('confirms an edit the store holds, drops one it does not, and completes a release', async () => {
    server = await startTestServer(data.dir, env);
    const concept = `${mt}aerosols`;
    const etag = (await fetch(cls(concept))).headers.get('etag')!;
    const patched = await fetch(cls(concept), { method: 'PATCH', headers: { authorization: `Bearer ${editor}`, 'content-type': 'application/json', 'if-match': etag }, body: JSON.stringify({ definition: { fr: 'Particules en suspension.' } }) });
    expect(patched.status).toBe(200);
    await server.close();
    server = null;

    // As the process would have left them: the store holds the edit but its history entry is still
    // pending; an edit of another concept was recorded and never reached the store; a release was
    // kept but the store's versionInfo not set.
    const db = new Database(path.join(data.dir, 'maillage.sqlite'));
    try {
      const made = db.prepare("SELECT seq, after FROM thesaurus_changes WHERE concept = ? AND action = 'update' ORDER BY seq DESC LIMIT 1").get(concept) as { seq: number; after: string };
      db.prepare('UPDATE thesaurus_changes SET pending = 1 WHERE seq = ?').run(made.seq);
      const never = { ...(JSON.parse(made.after) as Record<string, unknown>), iri: `${mt}clouds`, definition: { fr: ['Jamais écrit.'] } };
      db.prepare("INSERT INTO thesaurus_changes (scheme, concept, action, actor, at, before, after, comment, pending) VALUES (?, ?, 'update', 'eve', ?, NULL, ?, NULL, 1)").run(mt, `${mt}clouds`, new Date().toISOString(), JSON.stringify(never));
      db.prepare("INSERT INTO thesaurus_releases (scheme, version, released_at, actor, description, concepts, ntriples) VALUES (?, 'crash-1', ?, 'admin', NULL, 1, '')").run(mt, new Date().toISOString());
    } finally {
      db.close();
    }

    server = await startTestServer(data.dir, env);
    const history = (await (await fetch(`${server.url}/ontologies/MAILLAGE/changes`, { headers: { authorization: `Bearer ${editor}` } })).json()) as { collection: Array<{ concept: string | null }> };
    expect(history.collection.map((c) => c.concept)).toContain(concept);
    expect(history.collection.map((c) => c.concept)).not.toContain(`${mt}clouds`);
    const check = new Database(path.join(data.dir, 'maillage.sqlite'), { readonly: true });
    try {
      expect(check.prepare('SELECT COUNT(*) FROM thesaurus_changes WHERE pending = 1').pluck().get()).toBe(0);
    } finally {
      check.close();
    }
    const query = `SELECT ?v WHERE { GRAPH ?g { <${mt}> <http://www.w3.org/2002/07/owl#versionInfo> ?v } }`;
    const answer = (await (await fetch(`${server.url}/sparql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } })).json()) as { results: { bindings: Array<{ v: { value: string } }> } };
    expect(answer.results.bindings.map((b) => b.v.value)).toEqual(['crash-1']);
  }, 120_000);
});
