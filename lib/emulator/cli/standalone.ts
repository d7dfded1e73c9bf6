// `npm run emulator`: the emulator's API alone on plain node:http, for crawlers that need no dashboard.
import { loadEmulatorConfig } from '../config';
import { createEmulatorHandler } from '../http/handler';
import { serveEmulator } from '../node-server';
import { openEmulatorStore } from '../open';
import { printEmulatorBanner } from './banner';

const port = Number(process.env.EMULATOR_PORT ?? 8787);
const config = loadEmulatorConfig();
const store = openEmulatorStore(config, {
  consoleUrl: (id) => `http://127.0.0.1:${process.env.PORT ?? 3000}/queues/${id}`,
});
const handler = createEmulatorHandler({ store, token: config.token, basePath: '' });
const server = await serveEmulator(handler, port);
printEmulatorBanner(config, `http://127.0.0.1:${port}`);

function shutdown() {
  server.close();
  store.db.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
