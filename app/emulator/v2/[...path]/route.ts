import { embeddedEmulator } from '@/lib/emulator/instance';
import { API_CSP, withSecurityHeaders } from '@/lib/security/headers';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// proxy.ts skips this route (see there); it gets the security headers here.
const handle = async (request: Request) => withSecurityHeaders(await embeddedEmulator().handler(request), API_CSP);

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const DELETE = handle;
export const PATCH = handle;
export const HEAD = handle;
export const OPTIONS = handle;
