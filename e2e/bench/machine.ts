import { closeSync, fsyncSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { percentile } from './stats';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  /** 1-minute load average when the bench started and when it ended: other work skews every figure. */
  loadAtStart: number;
  loadAtEnd?: number;
  /** fsync of 120 kB, the disk cost behind every SQLite WAL checkpoint. */
  fsyncMs: { p50: number; p90: number; max: number };
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('model name'));
    if (line) return line.split(':')[1]?.trim() ?? 'unknown';
  } catch {}
  return cpus()[0]?.model ?? 'unknown';
}

function probeFsync(dir: string): Machine['fsyncMs'] {
  const file = join(dir, 'fsync-probe');
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(120 * 1024, 1);
  const samples: number[] = [];
  try {
    for (let i = 0; i < 40; i += 1) {
      writeSync(fd, block, 0, block.length, i * block.length);
      const t0 = performance.now();
      fsyncSync(fd);
      samples.push(performance.now() - t0);
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  return { p50: percentile(samples, 50), p90: percentile(samples, 90), max: Math.max(...samples) };
}

export function describeMachine(workDir: string): Machine {
  return {
    cpu: cpuModel(),
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAtStart: loadavg()[0] as number,
    fsyncMs: probeFsync(workDir),
  };
}

export const currentLoad = () => loadavg()[0] as number;
