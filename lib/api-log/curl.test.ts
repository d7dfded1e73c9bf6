import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { curlCommand, shellQuote } from './curl';

const BASE = 'http://127.0.0.1:3000/emulator';

/** What a POSIX shell makes of `text`: one argument per line, as `printf '%s\n'` prints them. */
const shellWords = (text: string) =>
  execFileSync('sh', ['-c', `printf '%s\\n' ${text}`], { env: { ...process.env, APIFY_TOKEN: 'T0K' } })
    .toString()
    .split('\n')
    .slice(0, -1);

describe('Copy as curl', () => {
  it('writes a GET as the URL and the Authorization header naming $APIFY_TOKEN', () => {
    const curl = curlCommand({
      method: 'GET',
      baseUrl: BASE,
      path: '/v2/request-queues/Q1/head?limit=100',
      body: null,
    });
    expect(curl).toBe(
      `curl 'http://127.0.0.1:3000/emulator/v2/request-queues/Q1/head?limit=100' -H "Authorization: Bearer $APIFY_TOKEN"`,
    );
  });

  it('writes a POST with its method, and its JSON body when there is one', () => {
    expect(
      curlCommand({
        method: 'POST',
        baseUrl: BASE,
        path: '/v2/request-queues/Q1/requests/unlock?clientKey=crawler-b',
        body: null,
      }),
    ).toBe(
      `curl -X POST 'http://127.0.0.1:3000/emulator/v2/request-queues/Q1/requests/unlock?clientKey=crawler-b' -H "Authorization: Bearer $APIFY_TOKEN"`,
    );
    const withBody = curlCommand({ method: 'PUT', baseUrl: BASE, path: '/v2/x', body: '{"a":1}' });
    expect(withBody).toBe(
      `curl -X PUT 'http://127.0.0.1:3000/emulator/v2/x' -H "Authorization: Bearer $APIFY_TOKEN" -H 'Content-Type: application/json' --data-raw '{"a":1}'`,
    );
  });

  it('quotes a body holding single quotes, $, backslashes and newlines so that the shell passes it unchanged', () => {
    const body = JSON.stringify([
      { url: "https://example.com/it's", userData: { note: 'a $HOME `x` \\ "q"\n\'end\'' } },
    ]);
    const curl = curlCommand({ method: 'POST', baseUrl: BASE, path: '/v2/request-queues/Q1/requests/batch', body });
    const words = shellWords(curl.slice('curl '.length));
    expect(words.at(-1)).toBe(body);
    expect(words).toContain('Authorization: Bearer T0K');
    expect(shellWords(shellQuote("'"))).toEqual(["'"]);
    expect(shellWords(shellQuote("a'b''c"))).toEqual(["a'b''c"]);
  });

  it('never holds a token: only the variable', () => {
    const curl = curlCommand({
      method: 'DELETE',
      baseUrl: BASE,
      path: '/v2/request-queues/Q1/requests/R1',
      body: null,
    });
    expect(curl.match(/Bearer [^"]*/g)).toEqual(['Bearer $APIFY_TOKEN']);
  });
});
