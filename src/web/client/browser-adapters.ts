import type { KeyValueStorage } from './answer-store.js';
import type { Scheduler, SocketFactory } from './connection.js';

/* The page's side of the interview client's injected parts: its WebSocket, timers and storage. */

/** The browser's WebSocket behind `SocketLike`. */
export function browserSocketFactory(url: string): SocketFactory {
  return (handlers) => {
    const ws = new WebSocket(url);
    ws.addEventListener('open', () => handlers.open());
    ws.addEventListener('message', (event) => handlers.message(event.data));
    // 'error' is always followed by 'close', which handles it.
    ws.addEventListener('close', (event) => handlers.close(event.code));
    return {
      get isOpen() {
        return ws.readyState === WebSocket.OPEN;
      },
      send: (data) => ws.send(data),
      close: (code, reason) => ws.close(code, reason),
    };
  };
}

/** Timers of the page behind `Scheduler`. */
export function browserScheduler(): Scheduler {
  const timers = new Map<number, number>();
  let nextId = 1;
  return {
    now: () => Date.now(),
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(
        id,
        window.setTimeout(() => {
          timers.delete(id);
          callback();
        }, ms),
      );
      return { id };
    },
    clearTimeout(handle) {
      window.clearTimeout(timers.get(handle.id));
      timers.delete(handle.id);
    },
  };
}

export function socketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}

/** sessionStorage, or nothing where the browser refuses it (answers and drafts then live in memory only). */
export function tabStorage(): KeyValueStorage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
