// A page on an attacker's domain whose name is re-pointed at 127.0.0.1 (DNS rebinding) reaches this
// server as "same origin" and can call its server actions; only the Host header gives it away.
const HOST =
  /^(?<name>\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)(:(?<port>\d{1,5}))?$/;
const LOOPBACK_IPV4 = /^127\.(25[0-5]|2[0-4]\d|1?\d?\d)\.(25[0-5]|2[0-4]\d|1?\d?\d)\.(25[0-5]|2[0-4]\d|1?\d?\d)$/;

interface HostParts {
  name: string;
  port?: string;
}

function parseHost(value: string): HostParts | null {
  const match = HOST.exec(value.trim().toLowerCase());
  if (!match?.groups?.name) return null;
  return { name: match.groups.name, port: match.groups.port };
}

const isLoopback = (name: string) => name === 'localhost' || name === '[::1]' || LOOPBACK_IPV4.test(name);

/** `HEADLOCK_ALLOWED_HOSTS`: comma-separated `name` (any port) or `name:port` entries; bad entries are dropped. */
export function parseAllowedHosts(list: string | undefined): HostParts[] {
  return (list ?? '')
    .split(',')
    .map((entry) => parseHost(entry))
    .filter((parts): parts is HostParts => parts !== null);
}

/** Loopback names on any port, or an entry of the allow list (its port, if it names one). */
export function isAllowedHost(value: string, allowed: readonly HostParts[]): boolean {
  const host = parseHost(value);
  if (!host) return false;
  if (isLoopback(host.name)) return true;
  return allowed.some((entry) => entry.name === host.name && (entry.port === undefined || entry.port === host.port));
}

/**
 * Every host name the request claims must be allowed: `Host`, and `X-Forwarded-Host` when present,
 * because Next.js checks a server action's `Origin` against the forwarded host first.
 */
export function requestHostsAllowed(headers: Headers, allowed: readonly HostParts[]): boolean {
  const host = headers.get('host');
  if (host === null || !isAllowedHost(host, allowed)) return false;
  const forwarded = headers.get('x-forwarded-host');
  return forwarded === null || forwarded.split(',').every((value) => isAllowedHost(value, allowed));
}
