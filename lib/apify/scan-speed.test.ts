import { describe, expect, it } from 'vitest';
import { must } from './action-result.test-support';
import { emulatorForThisFile, urlsFor } from './emulator.test-support';
import { scanPage } from './scan';

// A measurement, not a check run every time: HEADLOCK_SCAN_SPEED=1 npx vitest run lib/apify/scan-speed.test.ts
// The bench asks for ≥ 20,000 requests/s through the gateway on a 100k queue.

const emulator = emulatorForThisFile('speed');

describe.runIf(process.env.HEADLOCK_SCAN_SPEED)('scan speed', () => {
  it('scans 100,000 requests', { timeout: 120_000 }, async () => {
    const queue = emulator.makeQueue(urlsFor('speed', 100_000));
    for (const filter of ['all', 'failed', 'pending'] as const) {
      const started = performance.now();
      let read = 0;
      let cursor: string | undefined;
      do {
        const page = must(await scanPage(emulator.ctx(), { queueId: queue.id, view: { filter }, cursor }));
        read += page.read;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const seconds = (performance.now() - started) / 1000;
      console.log(`${filter}: ${read} requests in ${seconds.toFixed(2)} s = ${Math.round(read / seconds)}/s`);
      expect(read).toBe(100_000);
    }
  });
});
