import { ClientMessageSchema, type ClientMessage } from '../../src/contracts/protocol.js';
import type { KeyValueStorage } from '../../src/web/client/answer-store.js';
import type { SocketFactory, SocketHandlers, SocketLike } from '../../src/web/client/connection.js';

/** sessionStorage in memory: what a reload keeps is what a new store reads from the same instance. */
export class MemoryStorage implements KeyValueStorage {
  private readonly items = new Map<string, string>();

  get length(): number {
    return this.items.size;
  }

  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }

  removeItem(key: string): void {
    this.items.delete(key);
  }

  keys(): string[] {
    return [...this.items.keys()].sort();
  }
}

/** One socket as the server end sees it: the test opens, feeds and drops it, and reads what the client sent. */
class FakeSocket implements SocketLike {
  isOpen = false;
  /** Every frame the client sent, parsed with the protocol schema (a malformed frame fails the test). */
  readonly sent: ClientMessage[] = [];
  closedWith: number | null = null;

  constructor(private readonly handlers: SocketHandlers) {}

  send(data: string): void {
    if (!this.isOpen) throw new Error('sent on a socket that is not open');
    this.sent.push(ClientMessageSchema.parse(JSON.parse(data)));
  }

  close(code: number): void {
    this.isOpen = false;
    this.closedWith = code;
  }

  /** The server accepts the connection. */
  accept(): void {
    this.isOpen = true;
    this.handlers.open();
  }

  /** A frame from the server, as an object (JSON-encoded here) or as raw data. */
  deliver(message: object): void {
    this.handlers.message(JSON.stringify(message));
  }

  deliverRaw(data: unknown): void {
    this.handlers.message(data);
  }

  /** The connection ends from the server's side (or the network's). */
  drop(code = 1006): void {
    this.isOpen = false;
    this.handlers.close(code);
  }

  sentOfType<T extends ClientMessage['type']>(type: T): Array<Extract<ClientMessage, { type: T }>> {
    return this.sent.filter((message): message is Extract<ClientMessage, { type: T }> => message.type === type);
  }
}

/** Hands out fake sockets and remembers them, newest last. */
export class FakeSockets {
  readonly all: FakeSocket[] = [];

  readonly factory: SocketFactory = (handlers) => {
    const socket = new FakeSocket(handlers);
    this.all.push(socket);
    return socket;
  };

  get latest(): FakeSocket {
    const socket = this.all.at(-1);
    if (!socket) throw new Error('no socket was opened');
    return socket;
  }
}

export const SESSION = 's_fake1';

/** Server messages with valid envelopes, so the tests exercise the real protocol schemas. */
export const server = {
  authOk: (at: number) => ({ type: 'auth.ok', userId: 'u_1', seq: 0, at }),
  pong: (at: number) => ({ type: 'pong', seq: 0, at }),
  resumed: (at: number, lastSeq: number, sessionId = SESSION) => ({ type: 'session.resumed', sessionId, lastSeq, status: 'active', seq: 0, at }),
  error: (at: number, code: string, ref?: { type: string; turnId?: string; clientId?: string }) => ({
    type: 'error',
    code,
    message: `refused: ${code}`,
    ...(ref ? { ref } : {}),
    seq: 0,
    at,
  }),
  started: (seq: number, at: number, sessionId = SESSION) => ({
    type: 'session.started',
    sessionId,
    mode: 'behavioural',
    total: 2,
    secondsPerQuestion: 180,
    followUps: false,
    topics: [],
    pacing: 'practice',
    seq,
    at,
  }),
  question: (seq: number, at: number, turnId: string, sessionId = SESSION) => ({
    type: 'question',
    turnId,
    index: 1,
    total: 2,
    text: 'Tell me about a time you shipped a model.',
    kind: 'behavioural',
    topic: 'delivery',
    questionId: null,
    deadline: at + 180_000,
    sessionId,
    seq,
    at,
  }),
  accepted: (seq: number, at: number, turnId: string, clientId: string, sessionId = SESSION) => ({
    type: 'answer.accepted',
    turnId,
    clientId,
    sessionId,
    seq,
    at,
  }),
  timeUp: (seq: number, at: number, turnId: string, sessionId = SESSION) => ({ type: 'time.up', turnId, graded: 'none', sessionId, seq, at }),
};
