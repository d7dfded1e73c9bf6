// Runs before `next start` / `next dev` (`npm start`, `npm run dev`): builds the app when the build is
// missing or older than the sources (not with --no-build), then prepares the embedded emulator.
import { spawnSync } from 'node:child_process';
import { buildState } from './build-state';
import { prepareEmulator } from './emulator/cli/prepare';

function buildIfNeeded() {
  const state = buildState();
  if (state === 'current') return;
  console.log(
    state === 'missing'
      ? 'No build yet: running next build…'
      : 'Sources changed since the last build: running next build…',
  );
  const result = spawnSync('npx', ['next', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!process.argv.includes('--no-build')) buildIfNeeded();
prepareEmulator(`http://127.0.0.1:${process.env.PORT ?? 3000}/emulator`);
