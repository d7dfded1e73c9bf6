import { createHash, randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The platform's request ID: sha256 of the uniqueKey, base64 without `+/=`, first 15 characters. */
export function requestIdFromUniqueKey(uniqueKey: string): string {
  return createHash('sha256').update(uniqueKey, 'utf8').digest('base64').replace(/[+/=]/g, '').slice(0, 15);
}

/** A storage ID like the platform's: 17 random alphanumerics. */
export function randomObjectId(length = 17): string {
  let id = '';
  for (let i = 0; i < length; i += 1) id += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return id;
}
