// The GraphQL schema front-ends build against is committed (schema.graphql at the repository root)
// and must be what the service serves: a change to the API shows in review as a change to that file.
// `UPDATE_SCHEMA=1 npx vitest run test/http/graphql-schema.test.ts` writes it after a deliberate change.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { graphqlSchema } from '../../src/http/graphql/graphql-routes.js';

const committed = new URL('../../schema.graphql', import.meta.url);

describe('the committed GraphQL schema', () => {
  it('is the schema the service serves', () => {
    const served = `${printSchema(lexicographicSortSchema(graphqlSchema))}\n`;
    if (process.env.UPDATE_SCHEMA) writeFileSync(committed, served);
    expect(existsSync(committed), 'schema.graphql is missing: write it with UPDATE_SCHEMA=1').toBe(true);
    expect(served).toBe(readFileSync(committed, 'utf8'));
  });
});
