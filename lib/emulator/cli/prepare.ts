import { loadEmulatorConfig } from '../config';
import { openEmulatorStore } from '../open';
import { printEmulatorBanner } from './banner';

/** Creates the emulator's database and token, seeds the demo queues on first start, and says where it is. */
export function prepareEmulator(baseUrl: string) {
  const config = loadEmulatorConfig();
  const store = openEmulatorStore(config);
  store.db.close();
  printEmulatorBanner(config, baseUrl);
}
