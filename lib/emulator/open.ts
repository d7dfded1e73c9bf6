import type { EmulatorConfig } from './config';
import { openDatabase } from './db';
import { seedDemoData } from './seed';
import { EmulatorStore, type StoreOptions } from './store';

/** Opens the configured database as a store, seeding the demo queues on first use. */
export function openEmulatorStore(config: EmulatorConfig, options: StoreOptions = {}): EmulatorStore {
  const store = new EmulatorStore(openDatabase(config.dbFile), options);
  if (config.seed) seedDemoData(store);
  return store;
}
