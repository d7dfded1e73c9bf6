import { describe, expect, it } from 'vitest';
import { guardRequest } from './guard-request';

const request = (host: string) => new Request('http://127.0.0.1:3000/connect', { headers: { host } });
const env = { HEADLOCK_ALLOWED_HOSTS: 'headlock.example.com' };
const passesOn = (response: Response) => response.headers.get('x-middleware-next') === '1';

describe('guardRequest', () => {
  it('refuses a host that is not allowed with 421 and a short plain-text reason', async () => {
    const response = guardRequest(request('evil.example:3000'), env);
    expect(response.status).toBe(421);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toMatch(/^Misdirected request: .*HEADLOCK_ALLOWED_HOSTS/);
    expect(passesOn(response)).toBe(false);
  });

  it.each(['127.0.0.1:3000', 'headlock.example.com'])('lets a request for %s through', (host) => {
    expect(passesOn(guardRequest(request(host), env))).toBe(true);
  });
});
