import { createServer } from 'node:net';

/** A loopback port nothing listens on: taken from the OS, then released (a call to it gets no answer). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
