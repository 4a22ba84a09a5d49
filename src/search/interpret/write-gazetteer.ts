// Writes dist/gazetteer.json (run by `npm run build`): the interpreter's places, built once.
import { writeFileSync } from 'node:fs';
import { buildGazetteer } from './gazetteer-build.js';
import { gazetteerFile } from './gazetteer.js';

const started = performance.now();
const places = buildGazetteer();
writeFileSync(gazetteerFile, JSON.stringify({ builtAt: new Date().toISOString(), places }));
process.stderr.write(`gazetteer: ${places.length} places in ${Math.round(performance.now() - started)} ms\n`);
