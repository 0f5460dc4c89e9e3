import './zod-setup.js';
import { api, errorMessage } from './api.js';
import { AnswerStore } from './answer-store.js';
import { browserScheduler, browserSocketFactory, socketUrl, tabStorage } from './browser-adapters.js';
import type { AppContext, Cleanup, Route } from './context.js';
import { byId, h } from './dom.js';
import { InterviewController } from './interview-controller.js';
import { displayName, ensureProfile, type Identity } from './profile.js';
import { InterviewConnection, type ConnectionState } from './connection.js';
import { feedbackView } from './views/feedback-page.js';
import { historyView } from './views/history.js';
import { interviewView } from './views/interview.js';
import { openProfileDialog } from './views/profile-dialog.js';
import { progressView } from './views/progress.js';
import { replayView } from './views/replay.js';
import { reportView } from './views/report.js';
import { rubricsView } from './views/rubrics.js';
import { startView } from './views/start.js';

/** The interview controller over the page's websocket, timers and storage. */
function createController(token: string): InterviewController {
  const connection = new InterviewConnection({ token, createSocket: browserSocketFactory(socketUrl()), scheduler: browserScheduler() });
  window.addEventListener('online', () => connection.retryNow());
  return new InterviewController({ connection, store: new AnswerStore({ storage: tabStorage() }), loadTranscript: (id) => api.transcript(id) });
}

interface Page {
  title: string;
  /** Which top-level nav entry is current. */
  nav: string;
  render: (ctx: AppContext, root: HTMLElement, route: Route) => Cleanup;
}

const NAV = [
  { href: '#/start', label: 'Interview', key: 'start' },
  { href: '#/feedback', label: 'Quick feedback', short: 'Feedback', key: 'feedback' },
  { href: '#/history', label: 'History', key: 'history' },
  { href: '#/progress', label: 'Progress', key: 'progress' },
  { href: '#/rubrics', label: 'Rubrics', key: 'rubrics' },
] as const;

function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  const segments = path
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
  return { segments, query: new URLSearchParams(query) };
}

function pageFor(route: Route): Page | null {
  const [name, id] = route.segments;
  switch (name) {
    case undefined:
    case 'start':
      return { title: 'Start an interview', nav: 'start', render: startView };
    case 'interview':
      return id ? { title: 'Interview', nav: 'start', render: (ctx, root) => interviewView(ctx, root, id) } : null;
    case 'feedback':
      return { title: 'Quick feedback', nav: 'feedback', render: feedbackView };
    case 'history':
      return { title: 'History', nav: 'history', render: historyView };
    case 'replay':
      return id ? { title: 'Replay', nav: 'history', render: (ctx, root) => replayView(ctx, root, id) } : null;
    case 'report':
      return id ? { title: 'Report', nav: 'history', render: (ctx, root) => reportView(ctx, root, id) } : null;
    case 'progress':
      return { title: 'Progress', nav: 'progress', render: progressView };
    case 'rubrics':
      return { title: id ? 'Rubric' : 'Rubrics', nav: 'rubrics', render: rubricsView };
    default:
      return null;
  }
}

function notFound(_ctx: AppContext, root: HTMLElement): Cleanup {
  root.append(
    h(
      'section',
      { class: 'panel empty' },
      h('h1', { attrs: { tabindex: '-1' } }, 'Page not found'),
      h('p', null, 'There is nothing at this address.'),
      h('a', { class: 'btn btn-primary', attrs: { href: '#/start' } }, 'Go to the start page'),
    ),
  );
  return () => undefined;
}

const CONNECTION_TEXT: Record<ConnectionState, { long: string; short: string } | null> = {
  idle: null,
  open: null,
  connecting: null,
  reconnecting: {
    long: 'Connection lost — reconnecting… Your answers are kept and will be sent when the connection is back.',
    short: 'Reconnecting… your answers are kept.',
  },
  failed: {
    long: 'The server refused this profile. Reload the page to continue with a new profile.',
    short: 'Profile refused — reload the page.',
  },
};

function renderHeader(identity: Identity, onRename: () => void): void {
  const nav = byId('nav', HTMLElement);
  nav.replaceChildren(
    h(
      'ul',
      null,
      NAV.map((item) =>
        h(
          'li',
          null,
          h(
            'a',
            { attrs: { href: item.href }, dataset: { nav: item.key } },
            'short' in item ? [h('span', { class: 'label-long' }, item.label), h('span', { class: 'label-short' }, item.short)] : item.label,
          ),
        ),
      ),
    ),
  );
  const profile = byId('profile', HTMLElement);
  profile.replaceChildren(
    h(
      'button',
      // Named by its visible text (the name) plus a hidden word, so speech users can say what they see.
      { class: 'profile-button', attrs: { type: 'button' }, on: { click: onRename } },
      h('span', { class: 'avatar', attrs: { 'aria-hidden': 'true' } }, displayName(identity).slice(0, 1).toUpperCase()),
      h('span', { class: 'profile-name' }, displayName(identity)),
      h('span', { class: 'visually-hidden' }, ' — your profile'),
    ),
  );
}

async function boot(): Promise<void> {
  const main = byId('main', HTMLElement);
  const banner = byId('connection', HTMLElement);
  byId('skip-link', HTMLAnchorElement).addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });

  let identity: Identity;
  let created: boolean;
  try {
    ({ identity, created } = await ensureProfile());
  } catch (error) {
    main.replaceChildren(
      h(
        'section',
        { class: 'panel empty' },
        h('h1', null, 'Cannot reach the interview coach'),
        h('p', null, errorMessage(error)),
        h('button', { class: 'btn btn-primary', attrs: { type: 'button' }, on: { click: () => location.reload() } }, 'Try again'),
      ),
    );
    return;
  }

  const controller = createController(identity.token);
  let cleanup: Cleanup = () => undefined;

  const rename = () => openProfileDialog(identity, (next) => ctx.refreshProfile(next));

  const ctx: AppContext = {
    identity,
    controller,
    firstVisit: created,
    navigate(hash, options) {
      if (options?.replace) {
        history.replaceState(null, '', hash);
        route();
      } else if (location.hash === hash) {
        route();
      } else {
        location.hash = hash;
      }
    },
    refreshProfile(next) {
      identity = next;
      ctx.identity = next;
      renderHeader(next, rename);
      markNav();
    },
  };

  let currentNav = '';
  const markNav = () => {
    for (const link of document.querySelectorAll<HTMLAnchorElement>('#nav a')) {
      if (link.dataset.nav === currentNav) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  };

  let firstRoute = true;
  function route(): void {
    const parsed = parseRoute(location.hash);
    if (!location.hash.startsWith('#/')) {
      history.replaceState(null, '', '#/start');
      parsed.segments = ['start'];
    }
    const page = pageFor(parsed);
    cleanup();
    main.replaceChildren();
    window.scrollTo(0, 0);
    currentNav = page?.nav ?? '';
    markNav();
    document.title = `${page?.title ?? 'Not found'} · Interview coach`;
    document.body.dataset.page = parsed.segments[0] ?? 'start';
    cleanup = (page?.render ?? notFound)(ctx, main, parsed);
    // Move focus to the new page's heading so screen readers and keyboard users start there.
    if (!firstRoute) {
      const heading = main.querySelector('h1');
      if (heading instanceof HTMLElement) heading.focus({ preventScroll: true });
    }
    firstRoute = false;
  }

  controller.connection.on((event) => {
    if (event.type !== 'state') return;
    const { state } = event;
    const text = CONNECTION_TEXT[state];
    banner.hidden = text === null;
    banner.replaceChildren(...(text ? [h('span', { class: 'label-long' }, text.long), h('span', { class: 'label-short' }, text.short)] : []));
    banner.dataset.state = state;
    document.body.dataset.connection = state;
  });

  renderHeader(identity, rename);
  window.addEventListener('hashchange', route);
  route();
  document.body.dataset.ready = 'true';
}

void boot();
