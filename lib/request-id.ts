import { createHash } from 'node:crypto';

/** The platform's request ID: sha256 of the uniqueKey, base64 without `+/=`, first 15 characters. */
export function requestIdFromUniqueKey(uniqueKey: string): string {
  return createHash('sha256').update(uniqueKey, 'utf8').digest('base64').replace(/[+/=]/g, '').slice(0, 15);
}
