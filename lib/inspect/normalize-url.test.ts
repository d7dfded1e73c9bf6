import { describe, expect, it } from 'vitest';
import { normalizeUrl } from './normalize-url';

describe('normalizeUrl', () => {
  it.each([
    ['drops utm_ parameters', 'https://shop.test/p?utm_source=x&id=3&utm_medium=y', 'https://shop.test/p?id=3'],
    ['sorts parameters', 'https://shop.test/p?b=2&a=1', 'https://shop.test/p?a=1&b=2'],
    ['lower-cases the host and protocol', 'HTTPS://Shop.TEST/Path', 'https://shop.test/Path'],
    ['removes one trailing slash', 'https://shop.test/a/', 'https://shop.test/a'],
    ['removes only one trailing slash', 'https://shop.test/a//', 'https://shop.test/a/'],
    ['turns the root into no path', 'https://shop.test/', 'https://shop.test'],
    ['drops the fragment', 'https://shop.test/a#top', 'https://shop.test/a'],
    ['drops an empty query', 'https://shop.test/a?utm_campaign=z', 'https://shop.test/a'],
    ['trims', '  https://shop.test/a  ', 'https://shop.test/a'],
    ['keeps the port', 'http://Shop.test:8080/a', 'http://shop.test:8080/a'],
    ['keeps a parameter only starting like utm', 'https://shop.test/?xutm_a=1', 'https://shop.test?xutm_a=1'],
  ])('%s', (_, input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  it('keeps the fragment when asked', () => {
    expect(normalizeUrl('https://shop.test/a/?b=1#Top', { keepFragment: true })).toBe('https://shop.test/a?b=1#Top');
  });

  it.each(['', 'not a url', '/relative/path', 'shop.test/a', 'http://'])('%j is not a URL → null', (input) => {
    expect(normalizeUrl(input)).toBeNull();
  });
});
