import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Whether `.next` holds a build of the current sources: the rule `npm start` and `npm run bench` share.

const SOURCES = ['app', 'components', 'lib', 'proxy.ts', 'package.json', 'next.config.mjs', 'tsconfig.json'];

/** Test files are not part of the app: editing one must not trigger a rebuild under a running test. */
const isTest = (path: string) => /\.test(-support)?\.tsx?$/.test(path);

function newestMtime(path: string): number {
  if (!existsSync(path) || isTest(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

/** `missing` (no build), `stale` (a source changed since) or `current`. */
export function buildState(): 'missing' | 'stale' | 'current' {
  const buildId = join('.next', 'BUILD_ID');
  if (!existsSync(buildId)) return 'missing';
  return statSync(buildId).mtimeMs >= Math.max(...SOURCES.map(newestMtime)) ? 'current' : 'stale';
}
