// Writes dist/gazetteer.json and dist/world-outline.json (run by `npm run build`): the interpreter's
// places and the outline of the land the web catalogue's map draws, built once.
import { writeFileSync } from 'node:fs';
import { buildGazetteer, worldOutlinePath } from './gazetteer-build.js';
import { gazetteerFile, worldOutlineFile } from './gazetteer.js';

const started = performance.now();
const places = buildGazetteer();
writeFileSync(gazetteerFile, JSON.stringify({ builtAt: new Date().toISOString(), places }));
const outline = worldOutlinePath();
writeFileSync(worldOutlineFile, JSON.stringify({ path: outline }));
process.stderr.write(`gazetteer: ${places.length} places, world outline ${Math.round(outline.length / 1024)} kB, in ${Math.round(performance.now() - started)} ms\n`);
