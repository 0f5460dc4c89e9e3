import { beforeEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../src/contracts/protocol.js';
import {
  InterviewConnection,
  parseServerFrame,
  PING_EVERY_MS,
  PONG_TIMEOUT_MS,
  RESUME_TIMEOUT_MS,
  type ConnectionEvent,
} from '../../src/web/client/connection.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeSockets, server, SESSION } from './fakes.js';

let clock: FakeClock;
let sockets: FakeSockets;
let connection: InterviewConnection;
let events: ConnectionEvent[];

beforeEach(() => {
  clock = new FakeClock();
  sockets = new FakeSockets();
  // Jitter 0.5 makes the factor exactly 1: delays are the nominal 0.5 s, 1 s, 2 s …
  connection = new InterviewConnection({ token: 'tok_secret', createSocket: sockets.factory, scheduler: clock, random: () => 0.5 });
  events = [];
  connection.on((event) => events.push(event));
});

const states = () => events.flatMap((event) => (event.type === 'state' ? [event.state] : []));
const messages = () => events.flatMap((event) => (event.type === 'message' ? [{ type: event.message.type, seq: event.message.seq, live: event.live }] : []));

/** Follows the session on a fresh socket and resumes it. */
function followAndResume(lastSeq = 0): void {
  connection.follow(SESSION, lastSeq);
  sockets.latest.accept();
  sockets.latest.deliver(server.authOk(clock.now()));
  sockets.latest.deliver(server.resumed(clock.now(), lastSeq));
}

describe('interview connection', () => {
  it('authenticates with the token first and is ready once resumed, not before', () => {
    connection.follow(SESSION, 0);
    expect(connection.connectionState).toBe('connecting');
    sockets.latest.accept();
    expect(sockets.latest.sent).toEqual([{ type: 'auth', token: 'tok_secret' }]);

    sockets.latest.deliver(server.authOk(clock.now()));
    expect(sockets.latest.sent.at(-1)).toEqual({ type: 'resume', sessionId: SESSION, lastSeq: 0 });
    expect(connection.isReady).toBe(false);
    expect(connection.send({ type: 'next' })).toBe(false);

    sockets.latest.deliver(server.resumed(clock.now(), 0));
    expect(connection.isReady).toBe(true);
    expect(states()).toEqual(['connecting', 'open']);
    expect(events).toContainEqual({ type: 'resumed', sessionId: SESSION });
    expect(connection.send({ type: 'next' })).toBe(true);
    expect(sockets.latest.sent.at(-1)).toEqual({ type: 'next' });
  });

  it('reconnects with doubling delays capped at 8 s, and starts over from 0.5 s after a success', () => {
    followAndResume();
    const opened: number[] = [];
    for (let drop = 0; drop < 6; drop += 1) {
      const before = sockets.all.length;
      const droppedAt = clock.now();
      sockets.latest.drop();
      expect(connection.connectionState).toBe('reconnecting');
      while (sockets.all.length === before) clock.advance(100);
      opened.push(clock.now() - droppedAt);
    }
    expect(opened).toEqual([500, 1_000, 2_000, 4_000, 8_000, 8_000]);

    sockets.latest.accept();
    sockets.latest.deliver(server.authOk(clock.now()));
    sockets.latest.deliver(server.resumed(clock.now(), 0));
    const droppedAt = clock.now();
    const before = sockets.all.length;
    sockets.latest.drop();
    while (sockets.all.length === before) clock.advance(100);
    expect(clock.now() - droppedAt).toBe(500);
  });

  it('spreads reconnects by ±20 % jitter', () => {
    const low = new InterviewConnection({ token: 't', createSocket: sockets.factory, scheduler: clock, random: () => 0 });
    low.follow(SESSION, 0);
    sockets.latest.accept();
    const count = sockets.all.length;
    sockets.latest.drop();
    clock.advance(399);
    expect(sockets.all.length).toBe(count);
    clock.advance(1);
    expect(sockets.all.length).toBe(count + 1);
  });

  it('resumes from the last seq it saw and drops messages it already has', () => {
    followAndResume();
    sockets.latest.deliver(server.started(1, clock.now()));
    sockets.latest.deliver(server.question(2, clock.now(), 't_1'));
    sockets.latest.drop();
    clock.advance(500);

    sockets.latest.accept();
    sockets.latest.deliver(server.authOk(clock.now()));
    expect(sockets.latest.sentOfType('resume')).toEqual([{ type: 'resume', sessionId: SESSION, lastSeq: 2 }]);
    // The server re-sends from its own idea of the gap: seq 2 again, then what was missed.
    sockets.latest.deliver(server.question(2, clock.now() - 5_000, 't_1'));
    sockets.latest.deliver(server.timeUp(3, clock.now() - 1_000, 't_1'));
    sockets.latest.deliver(server.resumed(clock.now(), 3));

    expect(messages().filter((message) => message.seq > 0)).toEqual([
      { type: 'session.started', seq: 1, live: true },
      { type: 'question', seq: 2, live: true },
      { type: 'time.up', seq: 3, live: false },
    ]);
    expect(connection.lastSeq).toBe(3);
  });

  it('replaces a connection whose resume is never answered', () => {
    connection.follow(SESSION, 4);
    sockets.latest.accept();
    sockets.latest.deliver(server.authOk(clock.now()));
    const first = sockets.latest;
    clock.advance(RESUME_TIMEOUT_MS - 1);
    expect(sockets.all).toHaveLength(1);
    clock.advance(1);
    expect(first.closedWith).toBe(4000);
    expect(connection.connectionState).toBe('reconnecting');
    clock.advance(500);
    expect(sockets.all).toHaveLength(2);
  });

  it('pings every 25 s and replaces a connection that does not answer within 10 s', () => {
    followAndResume();
    clock.advance(PING_EVERY_MS);
    expect(sockets.latest.sentOfType('ping')).toHaveLength(1);
    sockets.latest.deliver(server.pong(clock.now()));
    clock.advance(PONG_TIMEOUT_MS);
    expect(connection.connectionState).toBe('open');

    clock.advance(PING_EVERY_MS - PONG_TIMEOUT_MS);
    expect(sockets.latest.sentOfType('ping')).toHaveLength(2);
    clock.advance(PONG_TIMEOUT_MS);
    expect(connection.connectionState).toBe('reconnecting');
    expect(sockets.all[0]?.closedWith).toBe(4000);
  });

  it('estimates the server clock from the pong, halfway through the round trip', () => {
    followAndResume();
    clock.advance(PING_EVERY_MS);
    const sentAt = clock.now();
    clock.advance(200);
    sockets.latest.deliver(server.pong(sentAt + 100 + 60_000));
    expect(connection.serverNow()).toBe(clock.now() + 60_000);
  });

  it('stops for good on a refused token, and after an idle close when it follows nothing', () => {
    connection.start({ mode: 'behavioural', clientId: 'c_start' });
    sockets.latest.accept();
    sockets.latest.drop(CloseCode.unauthorized);
    clock.advance(60_000);
    expect(connection.connectionState).toBe('failed');
    expect(sockets.all).toHaveLength(1);

    const idle = new InterviewConnection({ token: 't', createSocket: sockets.factory, scheduler: clock, random: () => 0.5 });
    idle.start({ mode: 'behavioural', clientId: 'c_2' });
    sockets.latest.accept();
    idle.cancelStart();
    sockets.latest.drop(CloseCode.idle);
    clock.advance(60_000);
    expect(idle.connectionState).toBe('idle');
    expect(sockets.all).toHaveLength(2);
  });

  it('sends the start again with the same clientId on every new connection until session.started', () => {
    connection.start({ mode: 'behavioural', count: 2, clientId: 'c_start' });
    sockets.latest.accept();
    sockets.latest.deliver(server.authOk(clock.now()));
    sockets.latest.drop();
    clock.advance(500);
    sockets.latest.accept();
    sockets.latest.deliver(server.authOk(clock.now()));
    sockets.latest.deliver(server.started(1, clock.now()));
    expect(sockets.all.map((socket) => socket.sentOfType('start').map((start) => start.clientId))).toEqual([['c_start'], ['c_start']]);
    expect(connection.sessionId).toBe(SESSION);

    sockets.latest.drop();
    clock.advance(500);
    sockets.latest.accept();
    sockets.latest.deliver(server.authOk(clock.now()));
    expect(sockets.latest.sentOfType('start')).toEqual([]);
    expect(sockets.latest.sentOfType('resume')).toEqual([{ type: 'resume', sessionId: SESSION, lastSeq: 1 }]);
  });

  it('asks for a resend a second after a rate_limited error', () => {
    followAndResume();
    sockets.latest.deliver(server.error(clock.now(), 'rate_limited'));
    clock.advance(999);
    expect(events.filter((event) => event.type === 'resend')).toHaveLength(0);
    clock.advance(201);
    expect(events.filter((event) => event.type === 'resend')).toHaveLength(1);
  });

  it('stops following a session the server says was deleted', () => {
    followAndResume();
    sockets.latest.deliver(server.error(clock.now(), 'session_deleted'));
    expect(events).toContainEqual({ type: 'forgotten', sessionId: SESSION });
    expect(connection.sessionId).toBeNull();
    expect(connection.isReady).toBe(true);
  });

  it('rejects bad frames with a reason that names the problem, and keeps the connection', () => {
    followAndResume();
    sockets.latest.deliverRaw('{"type": "question", ');
    sockets.latest.deliver({ type: 'question', turnId: 't_1', seq: 1, at: clock.now(), sessionId: SESSION });
    sockets.latest.deliver({ type: 'telepathy', seq: 0, at: clock.now() });
    sockets.latest.deliverRaw(new ArrayBuffer(4));
    expect(events.filter((event) => event.type === 'invalid-frame')).toEqual([
      { type: 'invalid-frame', reason: 'a frame that is not JSON' },
      { type: 'invalid-frame', reason: expect.stringMatching(/^a frame that does not match the protocol/) },
      { type: 'invalid-frame', reason: expect.stringMatching(/^a frame that does not match the protocol/) },
      { type: 'invalid-frame', reason: 'a binary frame (the protocol is JSON text)' },
    ]);
    expect(sockets.latest.closedWith).toBeNull();

    sockets.latest.deliver(server.started(1, clock.now()));
    expect(messages().at(-1)).toEqual({ type: 'session.started', seq: 1, live: true });
  });

  it('never repeats frame content in the reason it gives', () => {
    const result = parseServerFrame(JSON.stringify({ type: 'error', code: 'x', message: 'SECRET-CONTENT', ref: 'SECRET-REF', seq: 0, at: 1 }));
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('SECRET');
  });

  it('refuses to send a frame that breaks the protocol', () => {
    followAndResume();
    expect(() => connection.send({ type: 'skip', turnId: '' })).toThrow();
    expect(sockets.latest.sentOfType('skip')).toEqual([]);
  });
});
