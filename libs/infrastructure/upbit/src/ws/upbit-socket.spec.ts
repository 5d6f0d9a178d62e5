import { eventually, silentLogger, SystemClock, TaskManager } from '@trader/runtime';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { UpbitRateLimiter } from '../rate-limit/upbit-rate-limiter';
import { defaultSocketOptions, SocketEvents, SocketOptions, UpbitSocket } from './upbit-socket';

describe('UpbitSocket loop (real WebSocket server on 127.0.0.1)', () => {
  let server: WebSocketServer;
  let tasks: TaskManager;
  let limiter: UpbitRateLimiter;
  let socket: UpbitSocket | undefined;
  beforeEach(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const clock = new SystemClock();
    tasks = new TaskManager(clock, silentLogger);
    limiter = new UpbitRateLimiter(clock);
    limiter.start();
  });
  afterEach(async () => {
    await socket?.stop();
    socket = undefined;
    limiter.stop();
    await tasks.shutdown(1_000);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('is restarted, and connects, when the owner’s closed callback throws out of the loop', async () => {
    const { port } = server.address() as AddressInfo;
    let headerCalls = 0;
    let opened = 0;
    const closedReasons: string[] = [];
    const events: SocketEvents = {
      opened: () => {
        opened += 1;
      },
      message: () => undefined,
      closed: (reason) => {
        closedReasons.push(reason);
        // A bug in the owner: the first report of a lost connection throws, inside the socket's loop.
        if (closedReasons.length === 1) throw new Error('owner failed to handle the close (injected)');
      },
      expectsData: () => false,
    };
    const options: SocketOptions = {
      ...defaultSocketOptions,
      url: `ws://127.0.0.1:${port}/websocket/v1`,
      reconnect: { baseMs: 5, maxMs: 20 },
      // The first attempt fails before it connects (as a JWT that cannot be signed would).
      headers: () => {
        headerCalls += 1;
        if (headerCalls === 1) throw new Error('cannot sign the token (injected)');
        return {};
      },
    };
    socket = new UpbitSocket('test', tasks, limiter, new SystemClock(), options, events);
    socket.start();

    await eventually(() => expect(opened).toBe(1));
    expect(socket.isOpen()).toBe(true);
    expect(closedReasons).toEqual(['connect failed: cannot sign the token (injected)']);
    expect(tasks.list().find((t) => t.name === 'upbit-ws-test')).toEqual(
      expect.objectContaining({ kind: 'supervised', state: 'running', restarts: 1, lastError: 'owner failed to handle the close (injected)' }),
    );
  });

  it('reconnects when the owner’s closed callback throws for a connection that was open', async () => {
    const { port } = server.address() as AddressInfo;
    let opened = 0;
    const closedReasons: string[] = [];
    const events: SocketEvents = {
      opened: () => {
        opened += 1;
      },
      message: () => undefined,
      closed: (reason) => {
        closedReasons.push(reason);
        if (closedReasons.length === 1) throw new Error('owner failed to handle the close (injected)');
      },
      expectsData: () => false,
    };
    const options: SocketOptions = { ...defaultSocketOptions, url: `ws://127.0.0.1:${port}/websocket/v1`, reconnect: { baseMs: 5, maxMs: 20 } };
    socket = new UpbitSocket('test', tasks, limiter, new SystemClock(), options, events);
    socket.start();
    await eventually(() => expect(opened).toBe(1));

    socket.drop('dropped by the test');

    await eventually(() => expect(opened).toBe(2));
    expect(closedReasons).toEqual(['dropped by the test']);
    expect(tasks.list().find((t) => t.name === 'upbit-ws-test')).toEqual(
      expect.objectContaining({ state: 'running', restarts: 1, lastError: 'owner failed to handle the close (injected)' }),
    );
  });

  it('survives an owner whose message callback throws: the connection is dropped and made again', async () => {
    const { port } = server.address() as AddressInfo;
    server.on('connection', (client) => client.send('{"ty":"ticker"}'));
    let opened = 0;
    const received: string[] = [];
    const closedReasons: string[] = [];
    const events: SocketEvents = {
      opened: () => {
        opened += 1;
      },
      message: (text) => {
        received.push(text);
        if (received.length === 1) throw new Error('owner failed on a message (injected)');
      },
      closed: (reason) => {
        closedReasons.push(reason);
      },
      expectsData: () => false,
    };
    const options: SocketOptions = { ...defaultSocketOptions, url: `ws://127.0.0.1:${port}/websocket/v1`, reconnect: { baseMs: 5, maxMs: 20 } };
    socket = new UpbitSocket('test', tasks, limiter, new SystemClock(), options, events);
    socket.start();

    await eventually(() => expect(received).toHaveLength(2));
    expect(opened).toBe(2);
    expect(closedReasons).toEqual(["owner's message callback failed: owner failed on a message (injected)"]);
    expect(socket.isOpen()).toBe(true);
  });
});
