import { readFileSync, writeFileSync } from 'node:fs';

/** A process's resident memory during one run: at its start, at its peak, and the growth (MB). */
export interface MemoryFigures {
  startMB: number;
  peakMB: number;
  growthMB: number;
  /** How the peak was found: the kernel's high-water mark (reset at the start), or sampling alone. */
  peakFrom: 'VmHWM' | 'samples';
}

const SAMPLE_EVERY_MS = 20;

function statusKB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  if (!match?.[1]) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(match[1]);
}

/**
 * Watches the RSS of `pid` until `stop()`. Writing 5 to clear_refs resets the kernel's peak (VmHWM)
 * to the current RSS, so a peak shorter than the sampling interval is not missed; where that is not
 * allowed, the samples (every 20 ms) give the peak.
 */
export function watchMemory(pid: number): { stop(): MemoryFigures } {
  let hwmReset = true;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    hwmReset = false;
  }
  const startKB = statusKB(pid, 'VmRSS');
  let sampledKB = startKB;
  const timer = setInterval(() => {
    sampledKB = Math.max(sampledKB, statusKB(pid, 'VmRSS'));
  }, SAMPLE_EVERY_MS);
  return {
    stop() {
      clearInterval(timer);
      sampledKB = Math.max(sampledKB, statusKB(pid, 'VmRSS'));
      const peakKB = hwmReset ? Math.max(sampledKB, statusKB(pid, 'VmHWM')) : sampledKB;
      const mb = (kb: number) => kb / 1024;
      return {
        startMB: mb(startKB),
        peakMB: mb(peakKB),
        growthMB: mb(peakKB - startKB),
        peakFrom: hwmReset ? 'VmHWM' : 'samples',
      };
    },
  };
}
