/**
 * Helpers for the browser tests: the real app listening on 127.0.0.1, Chromium driven by playwright-core,
 * error collection and screenshots. The browser is the one `test/global-setup.ts` resolved into
 * CHROMIUM_PATH (the build inside @sparticuz/chromium unless overridden); without one these tests fail on
 * purpose rather than skip, so a run without a browser is seen.
 */
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

export const SCREENSHOT_DIR = path.join(projectRoot, 'test-artifacts', 'screenshots');
export const WIDTHS = [1280, 375] as const;

/** Launches the browser; `extraArgs` adds switches (e.g. a fake microphone for the voice tests). */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH;
  if (executablePath === undefined || !fs.existsSync(executablePath)) {
    throw new Error(`no Chromium at CHROMIUM_PATH=${executablePath ?? '(unset)'}: the e2e tests need a real browser (see test/global-setup.ts)`);
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...extraArgs],
  });
}

export interface LiveApp extends TestApp {
  baseURL: string;
}

/** The real app (fake clock, temp SQLite) listening on a free port of 127.0.0.1; closed after the test. */
export async function startLiveApp(env: Record<string, string> = {}): Promise<LiveApp> {
  const testApp = await createTestApp(env);
  await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  const address = testApp.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('app is not listening on TCP');
  return { ...testApp, baseURL: `http://127.0.0.1:${address.port}` };
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions and CSP violations seen so far. */
  errors: string[];
  /** Native dialogs (alert/confirm/prompt) that opened; the UI never uses them. */
  dialogs: string[];
}

/** A fresh profile (context) and page that records every error the page reports. */
export async function openPage(browser: Browser, url: string): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce', acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  const failed: string[] = [];
  page.on('requestfailed', (request) => failed.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(url);
  try {
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
  } catch (error) {
    const main = await page.locator('main').innerText().catch(() => '(no main)');
    throw new Error(`the page did not start: ${String(error)}\nmain: ${main}\nerrors: ${errors.join(' | ')}\nrequests: ${failed.join(' | ')}`);
  }
  // CSP violations are also reported as console errors; this catches the ones that are not (e.g. eval probes).
  await page.evaluate(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
  });
  return { context, page, errors, dialogs };
}

/** Waits until the page has painted twice (after a resize, so charts and layout have settled). */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/**
 * Screenshots at 1280 px and 375 px, saved as test-artifacts/screenshots/<name>-<width>.png: the whole page
 * from the top, or the viewport at the end of the page (`bottom`) or at an element — what a user sees in
 * the chat, where the sticky composer and header would otherwise float over a full-page capture.
 */
export async function screenshots(page: Page, name: string, mode: 'page' | 'bottom' | { selector: string } = 'page'): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width < 600 ? 800 : 900 });
    await settle(page);
    if (typeof mode === 'object') {
      await page.locator(mode.selector).first().evaluate((element) => element.scrollIntoView({ block: 'start' }));
    } else {
      await page.evaluate((toBottom) => window.scrollTo(0, toBottom ? document.documentElement.scrollHeight : 0), mode === 'bottom');
    }
    await settle(page);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${width}.png`), fullPage: mode === 'page' });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await settle(page);
}

export function expectNoErrors(watched: WatchedPage): void {
  expect(watched.errors).toEqual([]);
  expect(watched.dialogs).toEqual([]);
}

/**
 * Holds websocket upgrade requests while closed, so a test can keep the page in its "reconnecting" state
 * for as long as it needs; `release` lets the held and all later upgrades through to the real handler.
 */
export function holdUpgrades(app: FastifyInstance): { held: () => number; release: () => void } {
  const server = app.server;
  const original = server.listeners('upgrade');
  const held: Array<[IncomingMessage, Duplex, Buffer]> = [];
  let holding = true;
  const gate = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (holding) {
      held.push([request, socket, head]);
      return;
    }
    for (const listener of original) Reflect.apply(listener, server, [request, socket, head]);
  };
  server.removeAllListeners('upgrade');
  server.on('upgrade', gate);
  return {
    held: () => held.length,
    release() {
      holding = false;
      for (const [request, socket, head] of held.splice(0)) {
        if (!socket.destroyed) gate(request, socket, head);
      }
    },
  };
}

/** The profile token the page stored (for checking the API as the same user). */
export async function pageToken(page: Page): Promise<string> {
  const raw = await page.evaluate(() => localStorage.getItem('interview-coach.profile'));
  const parsed: unknown = JSON.parse(raw ?? 'null');
  if (typeof parsed !== 'object' || parsed === null || !('token' in parsed) || typeof parsed.token !== 'string') {
    throw new Error('no profile stored by the page');
  }
  return parsed.token;
}

type Send = (data: unknown, ...rest: unknown[]) => void;

/** Puts `intercept` in front of `send` on every server websocket, open now or opened later; returns the undo. */
function interceptSends(app: FastifyInstance, intercept: (socket: WebSocket, data: unknown, send: () => void) => void): () => void {
  const patch = (socket: WebSocket) => {
    const send = socket.send.bind(socket) as Send;
    const patched: Send = (data, ...rest) => intercept(socket, data, () => send(data, ...rest));
    socket.send = patched as WebSocket['send'];
  };
  for (const client of app.websocketServer.clients) patch(client);
  app.websocketServer.on('connection', patch);
  return () => app.websocketServer.off('connection', patch);
}

/**
 * Makes the server's next outgoing message of `type` vanish with its connection: the socket about to send it
 * is terminated instead, as if the network died right after the server acted on the client's frame (so the
 * server did the work, the client never heard). `onDrop` runs at that moment (e.g. to hold reconnects back).
 */
export function dropConnectionBefore(app: FastifyInstance, type: string, onDrop: () => void = () => undefined): { dropped: () => boolean } {
  let dropped = false;
  const marker = `"type":"${type}"`;
  const stop = interceptSends(app, (socket, data, send) => {
    if (dropped || typeof data !== 'string' || !data.includes(marker)) return send();
    dropped = true;
    stop();
    onDrop();
    socket.terminate();
  });
  return { dropped: () => dropped };
}

/**
 * Delays the server's transcript messages from the next one of `type` on (connection-level replies such as
 * errors still pass), as if they were slow on the wire; `release` delivers them in order.
 */
export function delaySessionMessagesFrom(app: FastifyInstance, type: string): { held: () => number; release: () => void } {
  const marker = `"type":"${type}"`;
  let holding = false;
  let released = false;
  const queue: Array<() => void> = [];
  const stop = interceptSends(app, (_socket, data, send) => {
    if (released || typeof data !== 'string') return send();
    if (data.includes(marker)) holding = true;
    const seq: unknown = (JSON.parse(data) as { seq?: unknown }).seq;
    if (holding && seq !== 0) queue.push(send);
    else send();
  });
  return {
    held: () => queue.length,
    release() {
      released = true;
      stop();
      for (const send of queue.splice(0)) send();
    },
  };
}

/** A strong STAR story with measured results, typed into the interview's answer box by several tests. */
export const STAR_ANSWER =
  'In 2023 our fraud model at Acme drifted and precision fell from 88% to 60% within a month. ' +
  'I owned the retraining pipeline, so my task was to find the cause within a week. ' +
  'I profiled the input features, found a broken join in the upstream table, and rebuilt the pipeline with daily validation checks. ' +
  'As a result precision recovered to 91% in two weeks, and I learned to monitor input data, not just metrics.';

/** Follows a link of the main navigation by its visible name. */
export function nav(page: Page, name: string): Promise<void> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
}
