import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { projectRoot } from '../config.js';

export interface WebPluginOptions {
  /** Folder of the built bundle (index.html + hashed assets). Default: dist/web. */
  distDir?: string;
  /** Folder of the static files that need no build (favicon). Default: src/web/public. */
  publicDir?: string;
}

export class WebBundleMissingError extends Error {
  constructor(file: string) {
    super(`the web UI bundle is missing (${path.relative(projectRoot, file) || file}): run \`npm run build:web\` first`);
    this.name = 'WebBundleMissingError';
  }
}

/** Hashed bundle files never change under the same name; everything else must be revalidated. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/**
 * Serves the chat UI: the esbuild output in dist/web (index.html at `/`, content-hashed assets under
 * /assets/) and the plain files of src/web/public. Nothing is built at request time; a missing bundle
 * stops the start-up with a message saying how to build it.
 */
export const webPlugin = fp(
  async (app: FastifyInstance, options: WebPluginOptions) => {
    const distDir = options.distDir ?? path.join(projectRoot, 'dist', 'web');
    const publicDir = options.publicDir ?? path.join(projectRoot, 'src', 'web', 'public');
    const index = path.join(distDir, 'index.html');
    if (!fs.existsSync(index)) throw new WebBundleMissingError(index);

    await app.register(fastifyStatic, {
      // dist/web first: its generated index.html wins over the template of the same name in public/.
      root: [distDir, publicDir],
      prefix: '/',
      index: ['index.html'],
      // Files are looked up per request (a rebuilt bundle is served without a restart); a path with no file
      // falls through to the app's JSON 404.
      wildcard: true,
      decorateReply: false,
      preCompressed: true,
      cacheControl: false,
      etag: true,
      lastModified: true,
      allowedPath: (pathName) => !pathName.endsWith('.map') || pathName.startsWith('/assets/'),
      setHeaders: (reply, filePath) => {
        const relative = path.relative(distDir, filePath);
        const hashed = !relative.startsWith('..') && relative.startsWith(`assets${path.sep}`);
        void reply.header('cache-control', hashed ? IMMUTABLE : REVALIDATE);
      },
      schemaHide: true,
    });
  },
  { name: 'web', fastify: '5.x' },
);
