import { describe, expect, it } from 'vitest';
import { isAllowedHost, parseAllowedHosts, requestHostsAllowed } from './allowed-hosts';

const DEPLOYMENT = parseAllowedHosts(' headlock.example.com , ops.example.com:8443,,not a host, ');

describe('isAllowedHost', () => {
  it.each([
    ['127.0.0.1 on any port', '127.0.0.1:3000'],
    ['127.0.0.1 without a port', '127.0.0.1'],
    ['the rest of 127/8', '127.255.0.9:80'],
    ['localhost', 'localhost:3000'],
    ['LOCALHOST in capitals', 'LOCALHOST:3000'],
    ['IPv6 loopback', '[::1]:3000'],
    ['IPv6 loopback without a port', '[::1]'],
    ['a listed name on any port', 'headlock.example.com:443'],
    ['a listed name without a port', 'headlock.example.com'],
    ['a listed name in capitals', 'Headlock.Example.COM'],
    ['a listed name:port on that port', 'ops.example.com:8443'],
  ])('allows %s', (_, host) => {
    expect(isAllowedHost(host, DEPLOYMENT)).toBe(true);
  });

  it.each([
    ['an unlisted name', 'evil.example:3000'],
    ['a loopback name as a prefix', '127.0.0.1.evil.example:3000'],
    ['localhost as a subdomain', 'localhost.evil.example'],
    ['a listed name as a suffix', 'headlock.example.com.evil.example'],
    ['a subdomain of a listed name', 'x.headlock.example.com'],
    ['a listed name:port on another port', 'ops.example.com:443'],
    ['a listed name:port without a port', 'ops.example.com'],
    ['0.0.0.0, which reaches loopback on Linux', '0.0.0.0:3000'],
    ['an out-of-range 127 address', '127.0.0.256'],
    ['IPv4-mapped loopback', '[::ffff:127.0.0.1]:3000'],
    ['another IPv6 address', '[::2]:3000'],
    ['a trailing dot', 'localhost.:3000'],
    ['userinfo', 'user@127.0.0.1:3000'],
    ['a path', '127.0.0.1:3000/x'],
    ['two ports', '127.0.0.1:3000:3000'],
    ['a six-digit port', '127.0.0.1:300000'],
    ['an inner space', 'local host'],
    ['empty', ''],
  ])('refuses %s', (_, host) => {
    expect(isAllowedHost(host, DEPLOYMENT)).toBe(false);
  });

  it('allows only loopback when no list is set', () => {
    expect(isAllowedHost('localhost:3000', parseAllowedHosts(undefined))).toBe(true);
    expect(isAllowedHost('headlock.example.com', parseAllowedHosts(undefined))).toBe(false);
  });
});

describe('requestHostsAllowed', () => {
  const headers = (entries: Record<string, string>) => new Headers(entries);

  it.each([
    [{ host: '127.0.0.1:3000' }, true],
    [{ host: '127.0.0.1:3000', 'x-forwarded-host': '127.0.0.1:3000' }, true],
    [{ host: '127.0.0.1:3000', 'x-forwarded-host': 'headlock.example.com, 127.0.0.1' }, true],
    [{ host: 'evil.example:3000' }, false],
    [{ host: '127.0.0.1:3000', 'x-forwarded-host': 'evil.example' }, false],
    [{ host: '127.0.0.1:3000', 'x-forwarded-host': '127.0.0.1, evil.example' }, false],
    [{ 'x-forwarded-host': '127.0.0.1:3000' }, false],
  ])('%o → %s', (entries, expected) => {
    expect(requestHostsAllowed(headers(entries), DEPLOYMENT)).toBe(expected);
  });
});
