import { randomBytes } from 'node:crypto';

/** A fresh script nonce for one request (128 bits). */
export const newNonce = () => randomBytes(16).toString('base64');

/**
 * Scripts run only with this request's nonce, which Next.js puts on every script it renders when it
 * finds the policy in the request headers; 'strict-dynamic' lets those load their own chunks.
 * Inline styles stay allowed: React renders style attributes (the lock countdown bars).
 */
export function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    // React's development build uses eval to rebuild server stacks in the browser.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

// Every feature denied, built once (it goes on every response). Only features Chromium knows: an
// unknown one is logged as an error on every page load.
const PERMISSIONS_POLICY = [
  'accelerometer',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'serial',
  'usb',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/** For JSON APIs: nothing in a response may load, run or be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** The headers every response carries, whatever produced it. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'permissions-policy': PERMISSIONS_POLICY,
    'cross-origin-opener-policy': 'same-origin',
  };
}

export function withSecurityHeaders(response: Response, csp: string): Response {
  for (const [name, value] of Object.entries(securityHeaders(csp))) response.headers.set(name, value);
  return response;
}
