import { describe, expect, it } from 'vitest';
import { API_CSP, contentSecurityPolicy, newNonce, securityHeaders, withSecurityHeaders } from './headers';

const directives = (policy: string) =>
  Object.fromEntries(policy.split('; ').map((part) => [part.split(' ')[0], part.split(' ').slice(1)]));

describe('contentSecurityPolicy', () => {
  it('allows scripts only from this origin with the nonce, and nothing to frame or re-base the page', () => {
    expect(directives(contentSecurityPolicy('abc', false))).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'", "'nonce-abc'", "'strict-dynamic'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    });
  });

  it("adds 'unsafe-eval' to scripts in development only", () => {
    expect(directives(contentSecurityPolicy('abc', true))['script-src']).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy('abc', false)).not.toContain('unsafe-eval');
  });
});

describe('newNonce', () => {
  it('is 128 random bits, new each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});

describe('securityHeaders', () => {
  it('denies framing, sniffing, referrers and device features', () => {
    const headers = securityHeaders('the-policy');
    expect(headers).toMatchObject({
      'content-security-policy': 'the-policy',
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
      expect(headers['permissions-policy']?.split(', ')).toContain(`${feature}=()`);
    }
  });
});

describe('withSecurityHeaders', () => {
  it("adds them to a route's own response, keeping its status, body and type", async () => {
    const response = withSecurityHeaders(
      new Response('{"data":1}', { status: 201, headers: { 'content-type': 'application/json' } }),
      API_CSP,
    );
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('{"data":1}');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });
});
