#!/usr/bin/env node
// The `maillage` command: runs the compiled CLI (npm run build produces dist/).
import '../dist/cli/main.js';
