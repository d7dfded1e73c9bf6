import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import { EmulatorError, invalidRequest } from '../errors';

/** The platform's MAX_PAYLOAD_SIZE_BYTES, checked after decompression. */
export const MAX_BODY_BYTES = 9 * 1024 * 1024;

const decompressors = {
  br: promisify(brotliDecompress),
  gzip: promisify(gunzip),
  deflate: promisify(inflate),
} as const;

const tooLarge = () =>
  new EmulatorError(413, 'request-too-large', `The request body is larger than the limit of ${MAX_BODY_BYTES} bytes`);

async function readCapped(request: Request): Promise<Buffer> {
  if (!request.body) return Buffer.alloc(0);
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function decompress(raw: Buffer, encoding: string): Promise<Buffer> {
  if (encoding === '' || encoding === 'identity') return raw;
  if (!(encoding in decompressors)) {
    throw new EmulatorError(
      415,
      'unsupported-content-encoding',
      `Content-Encoding "${encoding}" is not supported; use br, gzip, deflate or none`,
    );
  }
  try {
    return await decompressors[encoding as keyof typeof decompressors](raw, { maxOutputLength: MAX_BODY_BYTES });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
    throw invalidRequest(`The request body is not valid ${encoding} data`);
  }
}

/** Reads, decompresses (within the size cap) and parses a JSON request body. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const encoding = (request.headers.get('content-encoding') ?? '').trim().toLowerCase();
  const contentType = request.headers.get('content-type');
  if (contentType && !/^application\/json\b/i.test(contentType.trim())) {
    throw new EmulatorError(
      400,
      'invalid-content-type-header',
      `Content-Type must be application/json, got "${contentType}"`,
    );
  }
  const text = (await decompress(await readCapped(request), encoding)).toString('utf8');
  if (text.trim() === '') throw invalidRequest('The request body is empty; a JSON body is required');
  try {
    return JSON.parse(text);
  } catch {
    throw invalidRequest('The request body is not valid JSON');
  }
}
