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
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it.each(['127.0.0.1:3000', 'headlock.example.com'])('lets a request for %s through', (host) => {
    expect(passesOn(guardRequest(request(host), env))).toBe(true);
  });

  it('hands the page the same policy as the browser gets, with a new nonce per request', () => {
    const first = guardRequest(request('127.0.0.1:3000'), env);
    const policy = first.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'; /);
    // NextResponse.next({ request: { headers } }) forwards request headers as x-middleware-request-*.
    expect(first.headers.get('x-middleware-request-content-security-policy')).toBe(policy);
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    const second = guardRequest(request('127.0.0.1:3000'), env);
    expect(second.headers.get('content-security-policy')).not.toBe(policy);
  });

  it("adds 'unsafe-eval' under next dev only", () => {
    const dev = guardRequest(request('127.0.0.1:3000'), { NODE_ENV: 'development' });
    expect(dev.headers.get('content-security-policy')).toContain("'unsafe-eval'");
    const prod = guardRequest(request('127.0.0.1:3000'), { NODE_ENV: 'production' });
    expect(prod.headers.get('content-security-policy')).not.toContain("'unsafe-eval'");
  });
});
