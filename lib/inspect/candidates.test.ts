import { describe, expect, it } from 'vitest';
import { requestIdFromUniqueKey } from '../request-id';
import { findCandidates } from './candidates';

const id = requestIdFromUniqueKey;

describe('requestIdFromUniqueKey', () => {
  it('is 15 characters of base64 without + / =, the same for the same key', () => {
    for (const key of ['https://a.test', 'ü', '', 'x'.repeat(5000)]) {
      expect(id(key)).toMatch(/^[A-Za-z0-9]{15}$/);
      expect(id(key)).toBe(id(key));
    }
    expect(id('a')).not.toBe(id('A'));
  });
});

describe('findCandidates', () => {
  it('an ID-shaped text: first as a request ID, then as a uniqueKey', () => {
    expect(findCandidates('Zx3dKp9QmW2aB7c')).toEqual([
      { requestId: 'Zx3dKp9QmW2aB7c', as: 'request ID' },
      { requestId: id('Zx3dKp9QmW2aB7c'), as: 'uniqueKey' },
    ]);
  });

  it('a URL: as a uniqueKey, then normalized, then normalized with its fragment', () => {
    const text = 'https://Shop.test/p/?utm_source=x&b=2&a=1#frag';
    expect(findCandidates(text)).toEqual([
      { requestId: id(text), as: 'uniqueKey' },
      { requestId: id('https://shop.test/p?a=1&b=2'), as: 'normalized URL' },
      { requestId: id('https://shop.test/p?a=1&b=2#frag'), as: 'normalized URL' },
    ]);
  });

  it('an already normalized URL is tried once', () => {
    expect(findCandidates('https://shop.test/p')).toEqual([{ requestId: id('https://shop.test/p'), as: 'uniqueKey' }]);
  });

  it('text with spaces around: as typed, then trimmed', () => {
    expect(findCandidates('  my key ')).toEqual([
      { requestId: id('  my key '), as: 'uniqueKey' },
      { requestId: id('my key'), as: 'uniqueKey' },
    ]);
  });

  it('text that is neither an ID nor a URL: only as a uniqueKey', () => {
    expect(findCandidates('not a url / nor an id')).toEqual([
      { requestId: id('not a url / nor an id'), as: 'uniqueKey' },
    ]);
  });
});
