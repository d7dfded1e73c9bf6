import { spawnSync } from 'node:child_process';
import type { RecorderResult } from './recorder-child';

export type { RecorderResult };

/** Part 6: the recorder's cost, measured in a child that may load the gateway (see recorder-child.ts). */
export function benchRecorder(options: { origin: string; token: string; queueId: string }): RecorderResult {
  const child = spawnSync(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', 'e2e/bench/recorder-child.ts', JSON.stringify(options)],
    { encoding: 'utf8', maxBuffer: 10_000_000 },
  );
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !last.startsWith('{')) {
    throw new Error(`the recorder bench failed (${child.status}):\n${child.stderr.slice(-3000)}`);
  }
  return JSON.parse(last) as RecorderResult;
}
