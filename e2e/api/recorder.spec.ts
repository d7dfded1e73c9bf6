import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { startDashboard } from '../support/dashboard-server';
import { emulatorClient, freshQueue, uniqueKeys } from '../support/emulator';
import { E2E_PORT, E2E_TOKEN } from '../support/env';
import { actionId, actionResult, callAction, sessionCookieFrom } from '../support/server-actions';

// The recorder keeps its history in the dashboard's own database: a restarted server still has it.

const action = (file: string, name: string) => actionId(process.cwd(), file, name);

test('the recorded history survives a restart of the server', async () => {
  test.setTimeout(120_000);
  // A private server on its own data directory: this test stops it.
  const port = E2E_PORT + 3;
  const dataDir = resolve('test-results', `recorder-restart-${port}`);
  rmSync(dataDir, { recursive: true, force: true });
  const api = emulatorClient({ baseUrl: `http://127.0.0.1:${port}/emulator`, token: E2E_TOKEN });
  const call = async (file: string, name: string, args: unknown[], cookie: string) => {
    const response = await callAction(action(file, name), args, { port, cookie });
    return actionResult(response.body) as { ok: boolean; data?: Record<string, unknown> };
  };

  let server = await startDashboard(port, dataDir);
  try {
    const connected = await callAction(action('lib/actions/session.ts', 'connectEmulatorAction'), [], { port });
    const cookie = sessionCookieFrom(connected.headers);
    expect(cookie).not.toBe('');
    const queue = await freshQueue(api, 'recorder-restart');
    await api.requestQueue(queue.id).batchAddRequests(uniqueKeys(5, 'https://example.com/restart/'));
    await api.requestQueue(queue.id, { clientKey: 'crawler-a' }).listAndLockHead({ limit: 2, lockSecs: 600 });
    const snapshot = () => call('lib/actions/queues.ts', 'getQueueSnapshotAction', [{ queueId: queue.id }], cookie);
    const activity = () => call('lib/actions/ops.ts', 'getQueueActivityAction', [{ queueId: queue.id }], cookie);
    // Poll as the page does until three samples are kept (the recorder keeps at most one per 0.9 s per
    // queue); reading the activity records nothing.
    await expect
      .poll(
        async () => {
          expect((await snapshot()).ok).toBe(true);
          return (await activity()).data?.samples;
        },
        { intervals: [500], timeout: 15_000 },
      )
      .toBe(3);
    const before = await activity();
    expect(before.data).toMatchObject({ samples: 3 });

    await server.stop();
    server = await startDashboard(port, dataDir);
    // The session lives on too (its ID is in the same database); no snapshot is taken before reading.
    const after = await activity();
    expect(after.ok).toBe(true);
    expect(after.data).toMatchObject({
      samples: 3,
      recordedFrom: before.data?.recordedFrom,
      recordedTo: before.data?.recordedTo,
      holders: [expect.objectContaining({ clientKey: 'crawler-a', locks: 2 })],
    });
  } finally {
    await server.stop();
  }
});
