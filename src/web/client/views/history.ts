import { api, errorMessage, type SessionListItem } from '../api.js';
import { retakeHref, type AppContext, type Cleanup } from '../context.js';
import { confirmDialog } from '../dialog.js';
import { formatDateTime, formatScore, h, scoreClass } from '../dom.js';
import { toast } from '../toast.js';

const MODE_LABEL = { behavioural: 'Behavioural', technical: 'Technical', mixed: 'Mixed', drill: 'Drill' } as const;

/** Past interviews: open (replay or continue), export, delete. */
export function historyView(ctx: AppContext, root: HTMLElement): Cleanup {
  let disposed = false;
  const list = h('div', { class: 'history' }, h('p', { class: 'hint' }, 'Loading your interviews…'));
  root.append(
    h(
      'div',
      { class: 'page' },
      h('h1', { attrs: { tabindex: '-1' } }, 'History'),
      h('p', { class: 'lead' }, 'Every interview you have taken, with its transcript and scores. Replay one to watch it at its original pace.'),
      h(
        'p',
        { class: 'history-actions' },
        h('button', { class: 'btn btn-small', attrs: { type: 'button' }, on: { click: () => void downloadDisputes() } }, 'Download contested scores'),
        h('span', { class: 'hint' }, 'The answers whose scores you contested, as a labelled set (JSON) to measure a grader against.'),
      ),
      list,
    ),
  );

  async function remove(session: SessionListItem, row: HTMLElement): Promise<void> {
    const confirmed = await confirmDialog({
      title: 'Delete this interview?',
      body: `The ${session.mode} interview of ${formatDateTime(session.createdAt)}, its transcript and its feedback will be deleted for good.`,
      confirm: 'Delete',
      danger: true,
    });
    if (!confirmed) return;
    try {
      await api.deleteSession(session.id);
      if (ctx.controller.sessionId === session.id) ctx.controller.close();
      ctx.controller.store.forgetSession(session.id);
      const next = row.nextElementSibling ?? row.previousElementSibling;
      row.remove();
      toast('Interview deleted.');
      const focusTarget = next?.querySelector('a, button');
      if (focusTarget instanceof HTMLElement) focusTarget.focus();
      if (!list.querySelector('.session-row')) renderEmpty();
    } catch (error) {
      toast(`Could not delete: ${errorMessage(error)}`, 'error');
    }
  }

  /** Answers the same corpus questions again (follow-ups are asked afresh, if chosen, not replayed). */
  async function retake(session: SessionListItem): Promise<void> {
    try {
      const transcript = await api.transcript(session.id);
      const ids = transcript.turns.flatMap((turn) => (turn.parentTurnId === null && turn.questionId !== null ? [turn.questionId] : []));
      if (ids.length === 0) {
        toast('This interview has no questions to retake.', 'error');
        return;
      }
      ctx.navigate(retakeHref(ids, session.mode));
    } catch (error) {
      toast(`Could not retake: ${errorMessage(error)}`, 'error');
    }
  }

  async function download(session: SessionListItem, format: 'md' | 'json'): Promise<void> {
    try {
      await api.download(session.id, format);
    } catch (error) {
      toast(`Could not export: ${errorMessage(error)}`, 'error');
    }
  }

  async function downloadDisputes(): Promise<void> {
    try {
      await api.downloadDisputes();
    } catch (error) {
      toast(`Could not export: ${errorMessage(error)}`, 'error');
    }
  }

  function renderEmpty(): void {
    list.replaceChildren(
      h(
        'div',
        { class: 'panel empty' },
        h('h2', null, 'No interviews yet'),
        h('p', null, 'Your interviews appear here once you have started one.'),
        h('a', { class: 'btn btn-primary', attrs: { href: '#/start' } }, 'Start an interview'),
      ),
    );
  }

  function row(session: SessionListItem): HTMLElement {
    const active = session.status === 'active';
    const title = `${MODE_LABEL[session.mode]} interview`;
    const item = h(
      'li',
      { class: 'session-row', dataset: { session: session.id } },
      h(
        'div',
        { class: ['score-badge', 'score-badge-small', session.overall === null ? 'score-none' : scoreClass(session.overall)] },
        h('span', { class: 'score-value' }, session.overall === null ? '—' : formatScore(session.overall)),
        h('span', { class: 'visually-hidden' }, session.overall === null ? 'no score' : ' out of 5'),
      ),
      h(
        'div',
        { class: 'session-main' },
        h('h2', { class: 'session-title' }, title, active ? h('span', { class: 'chip chip-live' }, 'in progress') : null),
        h('p', { class: 'session-meta' }, h('time', { attrs: { datetime: session.createdAt } }, formatDateTime(session.createdAt)), ` · ${session.answered} of ${session.questions} answered`),
      ),
      h(
        'div',
        { class: 'session-actions' },
        active
          ? h('a', { class: 'btn btn-primary btn-small', attrs: { href: `#/interview/${encodeURIComponent(session.id)}` } }, 'Continue')
          : h('a', { class: 'btn btn-primary btn-small', attrs: { href: `#/replay/${encodeURIComponent(session.id)}`, 'aria-label': `Replay the ${title.toLowerCase()} of ${formatDateTime(session.createdAt)}` } }, 'Replay'),
        h('a', { class: 'btn btn-ghost btn-small', attrs: { href: `#/report/${encodeURIComponent(session.id)}`, 'aria-label': `Report: the ${title.toLowerCase()} of ${formatDateTime(session.createdAt)}, to read or print` } }, 'Report'),
        active
          ? null
          : h('button', { class: 'btn btn-ghost btn-small retake', attrs: { type: 'button', 'aria-label': `Retake the questions of the ${title.toLowerCase()} of ${formatDateTime(session.createdAt)}` }, on: { click: () => void retake(session) } }, 'Retake'),
        h('button', { class: 'btn btn-ghost btn-small', attrs: { type: 'button', 'aria-label': `Export as Markdown: ${title} of ${formatDateTime(session.createdAt)}` }, on: { click: () => void download(session, 'md') } }, 'Export as Markdown'),
        h('button', { class: 'btn btn-ghost btn-small', attrs: { type: 'button', 'aria-label': `Export as JSON: ${title} of ${formatDateTime(session.createdAt)}` }, on: { click: () => void download(session, 'json') } }, 'Export as JSON'),
      ),
    );
    const del = h('button', { class: 'btn btn-ghost btn-small btn-danger-text', attrs: { type: 'button', 'aria-label': `Delete the ${title.toLowerCase()} of ${formatDateTime(session.createdAt)}` } }, 'Delete');
    del.addEventListener('click', () => void remove(session, item));
    item.querySelector('.session-actions')?.append(del);
    return item;
  }

  api
    .sessions(100)
    .then(({ items }) => {
      if (disposed) return;
      if (items.length === 0) return renderEmpty();
      list.replaceChildren(h('ul', { class: 'session-list' }, items.map(row)));
      return undefined;
    })
    .catch((error: unknown) => {
      if (!disposed) list.replaceChildren(h('p', { class: 'form-error' }, `Could not load your history: ${errorMessage(error)}`));
    });

  return () => {
    disposed = true;
  };
}
