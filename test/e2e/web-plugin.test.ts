import fs from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { projectRoot } from '../../src/config.js';
import { webPlugin } from '../../src/web/web-plugin.js';
import { createTestApp, tempDir } from '../helpers/app.js';

describe('web plugin', () => {
  it('serves the built page at / with revalidation, hashed assets as immutable, under the strict CSP', async () => {
    const { app } = await createTestApp();
    const page = await app.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    // No inline script or style anywhere in the page: the CSP would block them.
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page.body).not.toMatch(/\sstyle=/);

    const manifest = z
      .object({ script: z.string(), styles: z.string() })
      .parse(JSON.parse(fs.readFileSync(path.join(projectRoot, 'dist', 'web', 'manifest.json'), 'utf8')));
    expect(page.body).toContain(`src="${manifest.script}"`);
    const script = await app.inject({ url: manifest.script, headers: { 'accept-encoding': 'br' } });
    expect(script.statusCode).toBe(200);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.headers['content-encoding']).toBe('br');
    const styles = await app.inject({ url: manifest.styles });
    expect(styles.statusCode).toBe(200);
    expect(styles.headers['content-type']).toContain('text/css');

    const icon = await app.inject({ url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('leaves unknown API paths to the JSON 404', async () => {
    const { app } = await createTestApp();
    const response = await app.inject({ url: '/api/does-not-exist' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('refuses to start without a built bundle and says how to build it', async () => {
    const app = Fastify();
    await expect(app.register(webPlugin, { distDir: tempDir() }).ready()).rejects.toThrow(/npm run build:web/);
    await app.close();
  });
});
