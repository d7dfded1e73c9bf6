// Runs before `next start` / `next dev` (`npm start`, `npm run dev`): builds the app when the build is
// missing or older than the sources (not with --no-build), then prepares the embedded emulator.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { prepareEmulator } from './emulator/cli/prepare';

const SOURCES = ['app', 'components', 'lib', 'proxy.ts', 'package.json', 'next.config.mjs', 'tsconfig.json'];

/** Test files are not part of the app: editing one must not trigger a rebuild under a running test. */
const isTest = (path: string) => /\.test(-support)?\.tsx?$/.test(path);

function newestMtime(path: string): number {
  if (!existsSync(path) || isTest(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

function buildIfNeeded() {
  const buildId = join('.next', 'BUILD_ID');
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changedAt = Math.max(...SOURCES.map(newestMtime));
  if (builtAt >= changedAt) return;
  console.log(
    builtAt === 0 ? 'No build yet: running next build…' : 'Sources changed since the last build: running next build…',
  );
  const result = spawnSync('npx', ['next', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!process.argv.includes('--no-build')) buildIfNeeded();
prepareEmulator(`http://127.0.0.1:${process.env.PORT ?? 3000}/emulator`);
