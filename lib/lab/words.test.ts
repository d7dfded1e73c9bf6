import { describe, expect, it } from 'vitest';
import { listText, numberWord, placeText, rangeText, secondsText } from './words';

describe('words', () => {
  it('numbers, seconds and places', () => {
    expect([numberWord(1), numberWord(3), numberWord(12)]).toEqual(['one', 'three', '12']);
    expect([secondsText(5), secondsText(1.25)]).toEqual(['5 s', '1.3 s']);
    expect([placeText(1, 12), placeText(12, 12), placeText(4, 12)]).toEqual([
      'first (#1 of 12)',
      'last (#12 of 12)',
      '#4 of 12',
    ]);
  });

  it('lists, cut after six; ranges for three or more numbered in a row', () => {
    expect(listText(['r1', 'r2'])).toBe('r1, r2');
    expect(listText(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'])).toBe('a, b, c, d, e and 3 more');
    expect(rangeText(['r1', 'r2', 'r3', 'r7', 'r8', 'home', 'p9', 'p10', 'p11'])).toBe('r1–r3, r7, r8, home, p9–p11');
  });
});
