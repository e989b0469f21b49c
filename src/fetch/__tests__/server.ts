/** A local HTTP server for fetcher tests: 127.0.0.1, port 0, counting what reaches it. */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach } from 'vitest';
import { defaultConfig, type FetchConfig } from '../../config.js';
import { createFetcher, type Fetcher, type FetcherOptions } from '../index.js';

export interface TestServer {
  /** Base URL, e.g. http://127.0.0.1:43210 (no trailing slash). */
  url: string;
  port: number;
  /** TCP connections accepted so far. */
  connections: number;
  /** Connections currently open. */
  openConnections: () => number;
  requests: http.IncomingMessage[];
  /** Most requests handled at the same time. */
  maxConcurrent: number;
  close: () => Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, server: TestServer) => void;

export async function startServer(handler: Handler): Promise<TestServer> {
  const sockets = new Set<Socket>();
  let active = 0;
  const httpServer = http.createServer();
  const state: TestServer = {
    url: '',
    port: 0,
    connections: 0,
    openConnections: () => sockets.size,
    requests: [],
    maxConcurrent: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        httpServer.close(() => resolve());
      }),
  };
  httpServer.on('connection', (socket: Socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  httpServer.on('request', (req, res) => {
    state.requests.push(req);
    active++;
    state.maxConcurrent = Math.max(state.maxConcurrent, active);
    let counted = true;
    const done = () => {
      if (counted) active--;
      counted = false;
    };
    res.on('finish', done);
    res.on('close', done);
    handler(req, res, state);
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  state.port = (httpServer.address() as AddressInfo).port;
  state.url = `http://127.0.0.1:${state.port}`;
  return state;
}

/** Fetch settings with short timeouts, allowing only 127.0.0.1 (the test servers). */
export function testConfig(overrides: Partial<FetchConfig> = {}): FetchConfig {
  return {
    ...defaultConfig({}).fetch,
    connectTimeoutMs: 500,
    headersTimeoutMs: 400,
    bodyTimeoutMs: 300,
    retries: 2,
    allowPrivate: ['127.0.0.1'],
    ...overrides,
  };
}

/** Resolves with the thrown error (fails the test if nothing was thrown). */
export async function caught(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

/**
 * Servers and fetchers for one test file, all closed after each test: `serve(handler)` starts a
 * loopback server, `fetcher(overrides, options)` a fetcher on the test config with quick retries.
 */
export function fetchHarness() {
  let servers: TestServer[] = [];
  let fetchers: Fetcher[] = [];
  afterEach(async () => {
    await Promise.all(fetchers.map((f) => f.close()));
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
    fetchers = [];
  });
  return {
    async serve(handler: Handler): Promise<TestServer> {
      const server = await startServer(handler);
      servers.push(server);
      return server;
    },
    fetcher(overrides: Partial<FetchConfig> = {}, options: FetcherOptions = {}): Fetcher {
      const f = createFetcher(testConfig(overrides), { retryBaseDelayMs: 5, ...options });
      fetchers.push(f);
      return f;
    },
  };
}
