import { describe, expect, it } from 'vitest';
import { readImportGraph, type SourceFile } from './imports';
import { doorViolations, importCycles, roomOf } from './rooms';

const file = (path: string, imports: string[] = [], packages: string[] = []): SourceFile => ({
  path,
  imports,
  packages,
});

describe('the map of the code', () => {
  const graph = readImportGraph('.');

  it('reads the real source tree', () => {
    expect(graph.length).toBeGreaterThan(100);
    const actions = graph.find((source) => source.path === 'lib/queries/mutations.ts');
    expect(actions?.imports).toContain('lib/actions/locks.ts');
  });

  it('every import keeps to its room or goes through a door', () => {
    expect(doorViolations(graph)).toEqual([]);
  });

  it('no file imports itself back', () => {
    expect(importCycles(graph)).toEqual([]);
  });
});

describe('the checks catch what breaks the map', () => {
  it('places files in rooms', () => {
    expect(roomOf('lib/emulator/store.ts')).toBe('emulator');
    expect(roomOf('lib/apify/gateway.ts')).toBe('gateway');
    expect(roomOf('components/ui/button.tsx')).toBe('app');
    expect(roomOf('lib/types.ts')).toBe('shared');
    expect(roomOf('lib/somewhere-new.ts')).toBeNull();
  });

  it.each([
    ['the gateway reaching into the emulator', file('lib/apify/queues.ts', ['lib/emulator/config.ts'])],
    ['a component calling the gateway directly', file('components/queues/x.tsx', ['lib/apify/queues.ts'])],
    ['a component reading the session', file('components/layout/x.tsx', ['lib/session.ts'])],
    ['the emulator reading dashboard inputs', file('lib/emulator/http/x.ts', ['lib/action-inputs.ts'])],
    ['the emulator using Next', file('lib/emulator/x.ts', [], ['next/server'])],
    ['a shared module using React', file('lib/locks/x.ts', [], ['react'])],
    ['a shared module importing the gateway', file('lib/format.ts', ['lib/apify/gateway.ts'])],
    ['a file in no room', file('lib/new-thing.ts')],
  ])('refuses %s', (_, source) => {
    expect(doorViolations([source])).toHaveLength(1);
  });

  it('lets a page read the session and the browser call an action', () => {
    const page = file('app/(dashboard)/page.tsx', ['lib/session.ts', 'lib/actions/queues.ts', 'lib/types.ts']);
    expect(doorViolations([page])).toEqual([]);
  });

  it('finds a cycle', () => {
    const cycle = [file('lib/a.ts', ['lib/b.ts']), file('lib/b.ts', ['lib/c.ts']), file('lib/c.ts', ['lib/a.ts'])];
    expect(importCycles(cycle)).toEqual([['lib/a.ts', 'lib/b.ts', 'lib/c.ts']]);
  });
});
