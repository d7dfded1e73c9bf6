import type { SourceFile } from './imports';

// The map of the code (README, "Architecture"): three rooms, shared pure modules, and the few doors
// between rooms. Every import either stays in its room or goes through a door listed here.

export type Room = 'app' | 'gateway' | 'emulator' | 'shared' | 'start' | 'tooling';

const ROOMS: [Room, RegExp][] = [
  ['emulator', /^lib\/emulator\//],
  [
    'gateway',
    /^lib\/(actions|apify|security|recorder|api-log)\/|^lib\/(session|session-registry|env|dashboard-db)\.ts$|^proxy\.ts$/,
  ],
  [
    'shared',
    /^lib\/(types|api-contract|action-inputs|format|clock-offset|acting-as|data-dir|search-params|request-id|pacing|pause)\.ts$|^lib\/(locks|ops|lab|inspect)\//,
  ],
  ['app', /^app\/|^components\/|^lib\/queries\//],
  ['start', /^lib\/(start|build-state)\.ts$/],
  ['tooling', /^lib\/architecture\//],
];

export function roomOf(path: string): Room | null {
  return ROOMS.find(([, pattern]) => pattern.test(path))?.[0] ?? null;
}

/** The imports allowed from one room into another: [from file, to file, why]. */
export const DOORS: [from: RegExp, to: RegExp, why: string][] = [
  [/^(app|components|lib\/queries)\//, /^lib\/actions\//, 'the browser reaches the server only through server actions'],
  [/^app\//, /^lib\/(session|env)\.ts$/, 'server components read the session and the target'],
  [/^app\/emulator\//, /^lib\/security\/headers\.ts$/, 'the emulator route sets the same security headers'],
  [/^app\/emulator\/v2\/\[\.\.\.path\]\/route\.ts$/, /^lib\/emulator\/instance\.ts$/, 'the one mount of the emulator'],
  [/^lib\/start\.ts$/, /^lib\/emulator\/cli\/prepare\.ts$/, 'the start script prepares the emulator'],
];

/** Rooms that may import only these files: the emulator knows the API contract and its data dir. */
const ONLY_IMPORTS: Partial<Record<Room, RegExp>> = {
  emulator: /^lib\/(emulator\/|api-contract\.ts$|data-dir\.ts$|request-id\.ts$)/,
};

/** Packages a room must not use: the emulator is framework-free, shared modules hold no I/O but files. */
const FORBIDDEN_PACKAGES: Partial<Record<Room, RegExp>> = {
  emulator: /^(next|react|react-dom|server-only|@tanstack)(\/|$)/,
  shared: /^(next|react|react-dom|server-only|@tanstack|apify-client|better-sqlite3|iron-session)(\/|$)/,
};

/** Every import that breaks the map, as a sentence. */
export function doorViolations(files: SourceFile[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const from = roomOf(file.path);
    if (!from) {
      problems.push(`${file.path} belongs to no room: add it to lib/architecture/rooms.ts`);
      continue;
    }
    for (const target of file.imports.filter((path) => ONLY_IMPORTS[from]?.test(path) === false)) {
      problems.push(`${file.path} (${from}) imports ${target}: this room imports only ${ONLY_IMPORTS[from]}`);
    }
    for (const target of file.imports) {
      const to = roomOf(target);
      if (to === from || to === 'shared') continue;
      const door = DOORS.some(([source, destination]) => source.test(file.path) && destination.test(target));
      if (!door) problems.push(`${file.path} (${from}) imports ${target} (${to ?? 'no room'}) through no door`);
    }
    const forbidden = FORBIDDEN_PACKAGES[from];
    for (const name of file.packages.filter((pkg) => forbidden?.test(pkg))) {
      problems.push(`${file.path} (${from}) must not use ${name}`);
    }
  }
  return problems;
}

/** Import cycles between files, each as the list of files around it. */
export function importCycles(files: SourceFile[]): string[][] {
  const imports = new Map(files.map((file) => [file.path, file.imports]));
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  const visit = (path: string, trail: string[]) => {
    if (state.get(path) === 'done') return;
    if (state.get(path) === 'open') {
      cycles.push(trail.slice(trail.indexOf(path)));
      return;
    }
    state.set(path, 'open');
    for (const next of imports.get(path) ?? []) visit(next, [...trail, path]);
    state.set(path, 'done');
  };
  for (const path of imports.keys()) visit(path, []);
  return cycles;
}
