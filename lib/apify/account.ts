import 'server-only';
import { z } from 'zod';
import { apifyClient } from './client';
import { type GatewayContext, GatewayFailure, gatewayCall } from './gateway';

/** Verifies the target's token with GET /v2/users/me and returns the username. */
export function verifyAccount(ctx: GatewayContext) {
  return gatewayCall(ctx, z.undefined(), undefined, { write: false }, async () => {
    const user = await apifyClient(ctx.target).user('me').get();
    const username = (user as { username?: unknown } | undefined)?.username;
    if (typeof username !== 'string') {
      throw new GatewayFailure({
        code: 'upstream-unavailable',
        message: 'The API did not say who this token belongs to.',
      });
    }
    return { username };
  });
}
