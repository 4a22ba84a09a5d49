// The committed lockfile is complete for every platform: the packages that ship native binaries per
// platform as optional dependencies (esbuild under vitest and tsx, rollup under vitest) are all
// recorded, so `npm ci` (what .ci/run uses) gives the same tree on Linux, macOS and Windows and
// never rewrites the lockfile.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as { lockfileVersion: number; packages: Record<string, { version?: string; os?: string[]; cpu?: string[]; optional?: boolean }> };
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

describe('the committed lockfile', () => {
  it('records the native packages of every platform', () => {
    expect(lock.lockfileVersion).toBe(3);
    for (const family of ['@esbuild/', '@rollup/rollup-']) {
      const platforms = new Set(Object.entries(lock.packages).filter(([name]) => name.startsWith(`node_modules/${family}`)).flatMap(([, entry]) => entry.os ?? []));
      expect([...platforms].sort(), family).toEqual(expect.arrayContaining(['darwin', 'linux', 'win32']));
    }
  });

  it('holds every direct dependency package.json names', () => {
    for (const name of [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]) expect(lock.packages[`node_modules/${name}`]?.version, name).toBeDefined();
  });
});
