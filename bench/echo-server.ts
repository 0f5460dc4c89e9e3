/**
 * The baseline: a bare Fastify + @fastify/websocket server that echoes every frame back, with the same
 * websocket options as the real server (64 KiB frames, no compression). Run as its own process by the
 * benchmark: `PORT=… node --import tsx bench/echo-server.ts`.
 */
import websocket from '@fastify/websocket';
import Fastify from 'fastify';

const port = Number(process.env['PORT'] ?? '0');
const app = Fastify({ logger: false });
await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
app.get('/readyz', async () => ({ status: 'ready' }));
app.get('/ws', { websocket: true }, (socket) => {
  socket.on('message', (data: Buffer, isBinary: boolean) => socket.send(data, { binary: isBinary }));
});

const shutdown = () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

await app.listen({ host: '127.0.0.1', port });
