import 'server-only';
import { dashboardDb } from '../dashboard-db';
import { recorderEnabled } from '../env';
import { createRecorder, type Recorder } from './recorder';

// One recorder per server process, on the dashboard's own database (not the emulator's).
const holder = globalThis as typeof globalThis & { __headlockRecorder?: Recorder };

/** The server's recorder, or null when recording is turned off. */
export function serverRecorder(): Recorder | null {
  if (!recorderEnabled()) return null;
  holder.__headlockRecorder ??= createRecorder(dashboardDb());
  return holder.__headlockRecorder;
}
