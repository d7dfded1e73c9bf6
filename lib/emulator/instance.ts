import { loadEmulatorConfig } from './config';
import { createEmulatorHandler, type EmulatorHandler } from './http/handler';
import { openEmulatorStore } from './open';
import type { EmulatorStore } from './store';

interface EmbeddedEmulator {
  store: EmulatorStore;
  handler: EmulatorHandler;
  token: string;
}

// One store per server process, shared by every route bundle that imports this module.
const holder = globalThis as typeof globalThis & { __headlockEmulator?: EmbeddedEmulator };

/** The emulator embedded in the Next server, mounted at `/emulator/v2`. */
export function embeddedEmulator(): EmbeddedEmulator {
  if (!holder.__headlockEmulator) {
    const config = loadEmulatorConfig();
    const port = process.env.PORT ?? '3000';
    const store = openEmulatorStore(config, { consoleUrl: (id) => `http://127.0.0.1:${port}/queues/${id}` });
    const handler = createEmulatorHandler({ store, token: config.token, basePath: '/emulator' });
    holder.__headlockEmulator = { store, handler, token: config.token };
  }
  return holder.__headlockEmulator;
}
