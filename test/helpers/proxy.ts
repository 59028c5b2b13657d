import { connect, createServer, type Socket } from 'node:net';

/** A TCP proxy in front of a local server, for tests in which the server "goes away". */
export interface CuttableProxy {
  url: string;
  /** Resets every open connection and every later one, as a server that went away. */
  cut(): void;
  /** Lets connections through again, as the server coming back. */
  restore(): void;
  close(): Promise<void>;
}

/**
 * Starts a proxy to `targetPort` on 127.0.0.1 that keeps its port for the whole test: a proxy closed and started
 * again frees its port, which a test running at the same time may be given — and a later run would then meet
 * that server instead of none.
 */
export async function startCuttableProxy(targetPort: number): Promise<CuttableProxy> {
  const sockets = new Set<Socket>();
  let cut = false;
  const server = createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const resetAll = (): void => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      cut = true;
      resetAll();
    },
    restore() {
      cut = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        resetAll();
        server.close(() => resolve());
      }),
  };
}
