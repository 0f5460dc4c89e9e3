import WebSocket from 'ws';
import { ServerMessageSchema, type ServerMessage } from '../../src/contracts/protocol.js';

type Of<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

/** A real websocket client that validates every server frame against the protocol schema. */
export class TestClient {
  readonly messages: ServerMessage[] = [];
  private readonly waiters: Array<() => void> = [];
  closed: { code: number; reason: string } | null = null;
  private cursor = 0;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.messages.push(ServerMessageSchema.parse(JSON.parse(data.toString('utf8'))));
      this.wake();
    });
    socket.on('close', (code: number, reason: Buffer) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  static async connect(url: string, headers: Record<string, string> = {}): Promise<TestClient> {
    const socket = new WebSocket(url, { headers });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new TestClient(socket);
  }

  static async authed(url: string, token: string): Promise<TestClient> {
    const client = await TestClient.connect(url);
    client.send({ type: 'auth', token });
    await client.next('auth.ok');
    return client;
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Waits for the next message of `type` after the last one consumed. */
  async next<T extends ServerMessage['type']>(type: T, timeoutMs = 5000): Promise<Of<T>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.cursor < this.messages.length) {
        const message = this.messages[this.cursor++];
        if (message?.type === type) return message as Of<T>;
      }
      if (this.closed) throw new Error(`socket closed (${this.closed.code}) while waiting for ${type}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${type}; got ${this.messages.map((m) => m.type).join(', ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until a message of `type` has arrived at any point, consumed or not. */
  async seen<T extends ServerMessage['type']>(type: T, timeoutMs = 5000): Promise<Of<T>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find((message) => message.type === type);
      if (found) return found as Of<T>;
      if (this.closed) throw new Error(`socket closed (${this.closed.code}) while waiting for ${type}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${type}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async waitClosed(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('socket did not close');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.closed;
  }

  /** Round-trips a ping so every frame sent before it has been processed by the server. */
  async sync(): Promise<void> {
    this.send({ type: 'ping' });
    await this.next('pong');
  }

  lastSeq(): number {
    return this.messages.reduce((max, message) => Math.max(max, message.seq), 0);
  }

  close(): void {
    this.socket.close();
  }
}

/** A finished one-question behavioural interview of the token's user, played over a real websocket. */
export async function playOneQuestionInterview(
  url: string,
  token: string,
  answer: string,
  clientId = 'a1',
): Promise<{ sessionId: string; question: Of<'question'>; feedback: Of<'feedback'> }> {
  const client = await TestClient.authed(url, token);
  client.send({ type: 'start', mode: 'behavioural', count: 1 });
  const { sessionId } = await client.next('session.started');
  const question = await client.next('question');
  client.send({ type: 'answer', turnId: question.turnId, clientId, text: answer });
  const feedback = await client.next('feedback');
  await client.next('session.ended');
  client.close();
  return { sessionId, question, feedback };
}
