import { embeddedEmulator } from '@/lib/emulator/instance';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const handle = (request: Request) => embeddedEmulator().handler(request);

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const DELETE = handle;
export const PATCH = handle;
export const HEAD = handle;
export const OPTIONS = handle;
