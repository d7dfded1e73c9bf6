import { describe, expect, it } from 'vitest';
import { loggedBody, loggedPath, MAX_BODY_CHARS } from './capture';

const TOKEN = 'secret-token-XYZ';

describe('what the API log keeps of a URL', () => {
  it('keeps the path from the base URL on, with the query as sent', () => {
    expect(
      loggedPath(
        'http://127.0.0.1:3000/emulator/v2/request-queues/Q1/head?limit=100&clientKey=headlock-x',
        'http://127.0.0.1:3000/emulator',
        TOKEN,
      ),
    ).toEqual({ path: '/v2/request-queues/Q1/head?limit=100&clientKey=headlock-x', clientKey: 'headlock-x' });
    expect(loggedPath('https://api.apify.com/v2/users/me', 'https://api.apify.com/', TOKEN)).toEqual({
      path: '/v2/users/me',
      clientKey: null,
    });
  });

  it('drops any token parameter, however it is spelled, and keeps the rest as sent', () => {
    const { path } = loggedPath(
      `http://h/v2/x?token=${TOKEN}&a=1&TOKEN=${TOKEN}&%74oken=${TOKEN}&b=%20c&tokens=2`,
      'http://h',
      TOKEN,
    );
    expect(path).toBe('/v2/x?a=1&b=%20c&tokens=2');
    expect(loggedPath(`http://h/v2/x?token=${TOKEN}`, 'http://h', TOKEN).path).toBe('/v2/x');
  });

  it('writes [token] over the token wherever else it would appear', () => {
    const { path, clientKey } = loggedPath(`http://h/v2/${TOKEN}?clientKey=${TOKEN}`, 'http://h', TOKEN);
    expect(path).toBe('/v2/[token]?clientKey=[token]');
    expect(clientKey).toBe('[token]');
  });
});

describe('what the API log keeps of a body', () => {
  it('keeps JSON as text, nothing for no body or a binary one', () => {
    expect(loggedBody([{ url: 'https://a.test/' }], TOKEN)).toEqual({
      body: '[{"url":"https://a.test/"}]',
      bodyTruncated: false,
    });
    expect(loggedBody('{"x":1}', TOKEN)).toEqual({ body: '{"x":1}', bodyTruncated: false });
    expect(loggedBody(undefined, TOKEN)).toEqual({ body: null, bodyTruncated: false });
    expect(loggedBody(Buffer.from('gz'), TOKEN)).toEqual({ body: null, bodyTruncated: false });
  });

  it('cuts a long body, never inside a character, and says so', () => {
    const long = loggedBody({ text: 'x'.repeat(5000) }, TOKEN);
    expect(long.bodyTruncated).toBe(true);
    expect(long.body).toHaveLength(MAX_BODY_CHARS);
    const emoji = loggedBody(`${'a'.repeat(MAX_BODY_CHARS - 1)}😀😀`, TOKEN);
    expect(emoji.body).toBe('a'.repeat(MAX_BODY_CHARS - 1));
  });

  it('writes [token] over the token, before cutting', () => {
    const cutAcross = `${'a'.repeat(MAX_BODY_CHARS - 4)}${TOKEN}`;
    expect(loggedBody(cutAcross, TOKEN).body).not.toContain(TOKEN.slice(0, 4));
    expect(loggedBody({ note: TOKEN }, TOKEN).body).toBe('{"note":"[token]"}');
  });
});
