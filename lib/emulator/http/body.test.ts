import { describe, expect, it } from 'vitest';
import { EmulatorError } from '../errors';
import { MAX_JSON_DEPTH, nestsDeeperThan, readJsonBody } from './body';

const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('nestsDeeperThan', () => {
  it.each([
    ['a scalar', '1', 0, false],
    ['one object', '{"a":1}', 1, false],
    ['one object, cap 0', '{"a":1}', 0, true],
    ['siblings do not add up', '[[1],[2],{"a":3}]', 2, false],
    ['brackets inside a string', '{"a":"[[[{{{"}', 1, false],
    ['closers inside a string do not lower the depth', '[["]]]]"', 2, false],
    ['closers inside a string, one level too deep', '[["]]]]",[1]]]', 2, true],
    ['an escaped quote does not end the string', '{"a":"\\"[[[{"}', 1, false],
    ['an escaped backslash before the closing quote ends it', '{"a":"\\\\","b":[[1]]}', 2, true],
    ['the same, within the cap', '{"a":"\\\\","b":[[1]]}', 3, false],
    ['a unicode escape', '{"a":"\\u0022[[","b":1}', 1, false],
  ])('%s', (_, text, cap, expected) => {
    expect(nestsDeeperThan(text, cap)).toBe(expected);
  });

  it(`lets exactly ${MAX_JSON_DEPTH} levels through and stops at ${MAX_JSON_DEPTH + 1}`, () => {
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
  });
});

describe('readJsonBody', () => {
  const post = (body: string) =>
    new Request('http://127.0.0.1/v2/x', { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it(`parses a body nested exactly ${MAX_JSON_DEPTH} levels`, async () => {
    await expect(readJsonBody(post(nested(MAX_JSON_DEPTH)))).resolves.toBeInstanceOf(Array);
  });

  it(`refuses ${MAX_JSON_DEPTH + 1} levels with a 400 invalid-input naming the cap`, async () => {
    const error = await readJsonBody(post(nested(MAX_JSON_DEPTH + 1))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EmulatorError);
    expect(error).toMatchObject({
      status: 400,
      type: 'invalid-input',
      message: `The request body nests deeper than ${MAX_JSON_DEPTH} levels of arrays and objects`,
    });
  });
});
