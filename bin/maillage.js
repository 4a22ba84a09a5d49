#!/usr/bin/env node
// The `maillage` command: runs the compiled CLI (npm run build produces dist/).
// Libraries read NODE_ENV when they load (graphql-js then uses a plain instanceof instead of its
// development check, 4.6% of the service's thread under a search load), so it is set first.
process.env.NODE_ENV ??= 'production';
await import('../dist/cli/main.js');
