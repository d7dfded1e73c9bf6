import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkedNumberParam, flagParam, intParam, readSearch, textParam, writeSearch } from './search-params';

const listParams = z.object({
  q: textParam(),
  sort: z.enum(['created', 'name']).catch('created'),
  desc: flagParam(),
  page: intParam(1, 1, 10_000),
  limit: intParam(100, 1, 1000),
});

const read = (query: string) => readSearch(listParams, new URLSearchParams(query));

describe('reading search params', () => {
  it('gives every default for an empty URL', () => {
    expect(read('')).toEqual({ q: '', sort: 'created', desc: false, page: 1, limit: 100 });
  });

  it.each([
    ['250', 250],
    ['1000', 1000],
    ['0', 1],
    ['-3', 1],
    ['5000', 1000],
    ['99999999999999999999', 1000],
    ['', 1],
    [' 7 ', 7],
    ['1e2', 100],
    ['0x10', 16],
    ['abc', 100],
    ['2.5', 100],
    ['1e400', 100],
    ['NaN', 100],
  ])('reads limit=%j as %d: an integer clamps into 1..1000, anything else is the default', (raw, limit) => {
    expect(read(`limit=${encodeURIComponent(raw)}`).limit).toBe(limit);
  });

  it.each([
    ['1', true],
    ['true', false],
    ['0', false],
    ['', false],
  ])('reads the flag desc=%j as %s', (raw, desc) => {
    expect(read(`desc=${raw}`).desc).toBe(desc);
  });

  it.each([
    ['name', 'name'],
    ['bogus', 'created'],
    ['toString', 'created'],
    ['', 'created'],
  ])('reads the choice sort=%j as %s', (raw, sort) => {
    expect(read(`sort=${raw}`).sort).toBe(sort);
  });

  it.each([
    ['30', 30],
    ['0', 0],
    ['999999', 999_999],
    ['1.5', 1.5],
    ['', 0],
    ['abc', 60],
    ['1e400', 60],
  ])('keeps silentAfter=%j as %d, unclamped, for the action to judge (not a number: the default)', (raw, value) => {
    const cockpit = z.object({ silentAfter: checkedNumberParam(60) });
    expect(readSearch(cockpit, new URLSearchParams(`silentAfter=${raw}`)).silentAfter).toBe(value);
  });

  it('keeps text as it is, takes the first of a repeated param and ignores params it does not know', () => {
    expect(read('q=a%20b&q=c&other=1')).toEqual({ q: 'a b', sort: 'created', desc: false, page: 1, limit: 100 });
  });
});

describe('writing search params', () => {
  it('sets the changed params and keeps the others in place', () => {
    expect(writeSearch(listParams, 'tab=head&q=old&x=1', { q: 'new', page: 3, desc: true })).toBe(
      'tab=head&q=new&x=1&page=3&desc=1',
    );
  });

  it('removes a param set to null or to its default, and leaves one not named alone', () => {
    const current = 'q=a&sort=name&desc=1&page=4&limit=50';
    expect(writeSearch(listParams, current, { q: '', sort: 'created', desc: false, page: 1, limit: null })).toBe('');
    expect(writeSearch(listParams, current, { page: undefined, limit: 100 })).toBe('q=a&sort=name&desc=1&page=4');
  });
});
