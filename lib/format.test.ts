import { describe, expect, it } from 'vitest';
import { firstLine } from './format';

describe('firstLine', () => {
  it('keeps the first line of any line break, trimmed', () => {
    expect(firstLine('HTTP 503\n    at handler (main.js:10)', 50)).toBe('HTTP 503');
    expect(firstLine('  Timeout \r\nstack', 50)).toBe('Timeout');
    expect(firstLine('a\rb', 50)).toBe('a');
    expect(firstLine('', 50)).toBe('');
  });

  it('cuts a long line to max characters, the last one an ellipsis', () => {
    expect(firstLine('x'.repeat(10), 10)).toBe('x'.repeat(10));
    expect(firstLine('x'.repeat(11), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
