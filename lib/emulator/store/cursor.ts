import { invalidInput } from '../errors';

/** listRequests' `nextCursor`: the last ID of the page, opaque to the caller. */
export const encodeCursor = (lastId: string) => Buffer.from(`after:${lastId}`).toString('base64url');

export function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^after:([A-Za-z0-9]{1,40})$/.exec(decoded);
  if (!match?.[1]) throw invalidInput('cursor is not one this API returned');
  return match[1];
}
