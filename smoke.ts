import { openEmbeddedGraphStore } from './src/store/embedded/embedded-graph-store.js';
import { createLogger } from './src/log/index.js';
const opts = { dataDir: '/tmp/smoke', replicas: 2, capacityQuads: 1000, snapshotAfterOps: 3, snapshotAfterBytes: 1e9, synchronous: 'FULL' as const, queryTimeoutMs: 2000, logger: createLogger('info') };
let s = await openEmbeddedGraphStore(opts);
console.log(await s.replaceGraph('http://g/1', { data: '<http://x/s> <http://x/p> "a", [ <http://x/q> "b" ] .', format: 'text/turtle' }));
console.log(await s.replaceGraph('http://g/2', { data: '_:a <http://x/p> "c" .', format: 'application/n-triples' }));
console.log(JSON.stringify(await s.query('SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g')));
console.log(await s.update('INSERT DATA { GRAPH <http://g/3> { <http://x/a> <http://x/b> <http://x/c> } }'));
try { await s.replaceGraph('http://g/4', { data: '<http://x/s> <http://x/p> "unterminated .', format: 'text/turtle' }); } catch (e) { console.log('ERR', (e as any).name, (e as Error).message, (e as any).details); }
try { await s.query('SELECT ?x WHERE { ?x ?y }'); } catch (e) { console.log('ERR', (e as any).name, (e as Error).message); }
const t = Date.now();
try { await s.query('SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r . ?s1 ?t ?u }', { timeoutMs: 300 }); } catch (e) { console.log('ERR', (e as any).name, (e as Error).message, Date.now() - t); }
console.log(await s.stats());
await s.close();
s = await openEmbeddedGraphStore(opts);
console.log(await s.stats());
let out = ''; await s.dump((c) => { out += c; }); console.log(out);
await s.close();
