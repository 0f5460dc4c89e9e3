import type { Transcript } from '../../../contracts/history-schemas.js';
import type { SessionMessage } from '../../../contracts/protocol.js';
import { announce } from '../announce.js';
import { api, ApiError, errorMessage } from '../api.js';
import { practiseHref, retakeHref, type AppContext, type Cleanup } from '../context.js';
import { formatClock, formatDateTime, formatScore, h } from '../dom.js';
import { isSessionMessage } from '../connection.js';
import { toast } from '../toast.js';
import { answerBubble, cardItem, noteItem, questionBubble, type AnswerBubble, type QuestionMessage } from './chat.js';
import { Countdown } from './countdown.js';
import { feedbackCard } from './feedback-card.js';
import { summaryCard } from './summary.js';
import { spokenNote } from '../voice/delivery-view.js';

type Input = Transcript['inputs'][number];
type Entry = { at: number; order: number; event: SessionMessage } | { at: number; order: number; input: Input };

const SPEEDS = [1, 2, 4] as const;

/**
 * Orders server messages and candidate inputs on one timeline. Ties (same millisecond) keep the
 * conversation's logic: an input comes after the question it answers and before the server's reaction.
 */
export function buildTimeline(transcript: Transcript): Entry[] {
  const events = transcript.events.filter(isSessionMessage);
  const askedAt = new Map<string, number>();
  for (const event of events) if (event.type === 'question' || event.type === 'followup') askedAt.set(event.turnId, event.seq);
  const entries: Entry[] = [
    ...events.map((event) => ({ at: event.at, order: event.seq, event })),
    ...transcript.inputs.map((input, index) => ({ at: input.at, order: (askedAt.get(input.turnId) ?? 0) + 0.5 + index / 1e6, input })),
  ];
  entries.sort((a, b) => a.at - b.at || a.order - b.order);
  // Inputs recorded a hair before their question (clock granularity) still belong after it.
  let floor = -Infinity;
  for (const entry of entries) {
    floor = Math.max(floor, entry.at);
    entry.at = floor;
  }
  return entries;
}

/** Plays a past session back on its original timeline: play/pause, speed, scrubber, jump to a turn. */
export function replayView(ctx: AppContext, root: HTMLElement, sessionId: string): Cleanup {
  let disposed = false;
  let frame: number | undefined;
  const destroyers: Array<() => void> = [];
  const cleanupRender = () => {
    for (const destroy of destroyers.splice(0)) destroy();
  };

  const heading = h('h1', { attrs: { tabindex: '-1' } }, 'Replay');
  const body = h('div', null, h('p', { class: 'hint' }, 'Loading the transcript…'));
  root.append(h('div', { class: 'page replay' }, heading, body));

  function start(transcript: Transcript): void {
    const entries = buildTimeline(transcript);
    const t0 = entries[0]?.at ?? 0;
    const duration = Math.max(0, (entries.at(-1)?.at ?? t0) - t0);
    const answers = new Map(transcript.turns.map((turn) => [turn.id, turn]));
    let position = 0;
    let speed: (typeof SPEEDS)[number] = 1;
    let playing = false;
    let lastFrame = 0;
    let shown = 0;

    heading.textContent = `Replay: ${transcript.session.mode} interview`;
    const meta = h(
      'p',
      { class: 'lead' },
      `${formatDateTime(transcript.session.createdAt)} · ${transcript.session.answered} of ${transcript.session.questions} answered · overall ${transcript.session.overall === null ? '—' : `${formatScore(transcript.session.overall)} / 5`}`,
    );

    const playButton = h('button', { class: 'btn btn-primary', attrs: { type: 'button', 'aria-label': 'Play' } }, 'Play');
    const speedButtons = SPEEDS.map((value) =>
      h('button', { class: 'btn btn-ghost btn-small speed', attrs: { type: 'button', 'aria-pressed': value === speed ? 'true' : 'false' }, dataset: { speed: String(value) } }, `${value}×`),
    );
    const scrubber = h('input', {
      attrs: { type: 'range', min: 0, max: Math.max(1, duration), step: 100, value: 0, 'aria-label': 'Position in the interview' },
    });
    const clock = h('span', { class: 'replay-clock', attrs: { 'aria-hidden': 'true' } }, `0:00 / ${formatClock(duration)}`);
    const countdown = new Countdown(() => t0 + position, { announce: false });
    const questionEntries = entries.filter(
      (entry): entry is { at: number; order: number; event: QuestionMessage } =>
        'event' in entry && (entry.event.type === 'question' || entry.event.type === 'followup'),
    );
    const jumps = h(
      'nav',
      { class: 'jumps', attrs: { 'aria-label': 'Jump to a question' } },
      questionEntries.map((entry) => {
        const label = entry.event.type === 'followup' ? `Follow-up ${entry.event.index}` : `Q${entry.event.index}`;
        return h(
          'button',
          {
            class: 'btn btn-ghost btn-small',
            dataset: { turn: entry.event.turnId },
            // The name starts with the visible label (voice control users say what they see); the question is its description.
            attrs: { type: 'button', 'aria-label': `${label}: Jump to ${entry.event.type === 'followup' ? 'the follow-up to question' : 'question'} ${entry.event.index}`, title: entry.event.text },
            on: { click: () => seek(entry.at - t0, true) },
          },
          label,
        );
      }),
    );
    const log = h('ol', { class: 'chat', attrs: { 'aria-label': 'Interview conversation at this point of the replay' } });
    const controls = h(
      'div',
      { class: 'replay-controls', attrs: { role: 'group', 'aria-label': 'Replay controls' } },
      h('div', { class: 'replay-row' }, playButton, h('div', { class: 'speeds', attrs: { role: 'group', 'aria-label': 'Speed' } }, speedButtons), countdown.element),
      h('div', { class: 'replay-row replay-scrub' }, scrubber, clock),
      jumps,
    );
    const container = h('div', { class: 'replay-stage', dataset: { state: 'paused' } }, controls, h('h2', { class: 'visually-hidden' }, 'Conversation'), log);
    body.replaceChildren(
      meta,
      container,
      h(
        'p',
        { class: 'replay-links' },
        h('a', { class: 'btn btn-ghost btn-small', attrs: { href: '#/history' } }, 'Back to history'),
      ),
    );

    let drafts = new Map<string, AnswerBubble>();
    let questionsByTurn = new Map<string, QuestionMessage>();

    function renderEntry(entry: Entry): void {
      if ('input' in entry) {
        const { input } = entry;
        if (input.type === 'skip') return;
        let bubble = drafts.get(input.turnId);
        if (!bubble) {
          bubble = answerBubble(input.turnId, '', '');
          drafts.set(input.turnId, bubble);
          log.append(bubble.element);
        }
        bubble.setText(input.text ?? '');
        if (input.type === 'draft') bubble.setStatus('typing… (draft)', 'draft');
        else bubble.setStatus('Submitted', 'pending');
        return;
      }
      const { event } = entry;
      switch (event.type) {
        case 'session.started':
          log.append(noteItem(`Interview started: ${event.mode}, ${event.total} question${event.total === 1 ? '' : 's'}.`));
          break;
        case 'question':
        case 'followup':
          questionsByTurn.set(event.turnId, event);
          log.append(questionBubble(event));
          break;
        case 'answer.accepted': {
          const bubble = drafts.get(event.turnId) ?? answerBubble(event.turnId, answers.get(event.turnId)?.answer ?? '', '');
          if (!drafts.has(event.turnId)) {
            drafts.set(event.turnId, bubble);
            log.append(bubble.element);
          }
          bubble.setStatus('Received', 'ok');
          const spoken = answers.get(event.turnId)?.spoken;
          if (spoken && !bubble.element.querySelector('.spoken-note')) bubble.element.append(spokenNote(spoken));
          break;
        }
        case 'time.up': {
          log.append(noteItem(event.graded === 'draft' ? "Time's up — the draft was sent for grading." : "Time's up — no answer was given.", 'warn'));
          const turn = answers.get(event.turnId);
          if (event.graded === 'draft' && turn?.answer) {
            const bubble = drafts.get(event.turnId) ?? answerBubble(event.turnId, turn.answer, '', 'You (draft at time-up)');
            if (!drafts.has(event.turnId)) {
              drafts.set(event.turnId, bubble);
              log.append(bubble.element);
            }
            bubble.setText(turn.answer);
            bubble.setStatus('Graded at time-up', 'ok');
          }
          break;
        }
        case 'turn.skipped':
          log.append(noteItem('Question skipped.'));
          break;
        case 'feedback': {
          const question = questionsByTurn.get(event.turnId);
          const title = question ? (question.type === 'followup' ? `Feedback on the follow-up to question ${question.index}` : `Feedback on question ${question.index}`) : 'Feedback';
          const disputes = answers.get(event.turnId)?.feedback?.disputes;
          const card = feedbackCard(event, {
            title,
            modelAnswer: event.modelAnswer,
            modelAnswerNote: event.modelAnswerNote,
            ...(event.delivery ? { delivery: event.delivery } : {}),
            feedbackId: event.feedbackId,
            ...(disputes ? { disputes } : {}),
            ...(event.previous ? { previous: event.previous } : {}),
            ...(question?.type === 'question' && question.questionId !== null
              ? { onRetake: () => ctx.navigate(retakeHref([question.questionId ?? ''], question.kind)) }
              : {}),
          });
          log.append(cardItem(card, event.turnId));
          break;
        }
        case 'session.summary': {
          const summary = summaryCard(event, { onPractise: (topics) => ctx.navigate(practiseHref(topics)) });
          destroyers.push(summary.destroy);
          log.append(cardItem(summary.element));
          break;
        }
        case 'session.ended':
          log.append(noteItem(event.reason === 'completed' ? 'The interview is complete.' : 'The interview was ended early.'));
          break;
      }
    }

    function openQuestion(count: number): QuestionMessage | null {
      let open: QuestionMessage | null = null;
      for (const entry of entries.slice(0, count)) {
        if (!('event' in entry)) continue;
        const { event } = entry;
        if (event.type === 'question' || event.type === 'followup') open = event;
        else if ((event.type === 'answer.accepted' || event.type === 'time.up' || event.type === 'turn.skipped') && open?.turnId === event.turnId) open = null;
        else if (event.type === 'session.ended') open = null;
      }
      return open;
    }

    function paint(scrollNew: boolean): void {
      const now = t0 + position;
      let count = 0;
      while (count < entries.length && (entries[count]?.at ?? Infinity) <= now) count += 1;
      if (count < shown) {
        log.replaceChildren();
        cleanupRender();
        drafts = new Map();
        questionsByTurn = new Map();
        shown = 0;
      }
      const before = log.lastElementChild;
      for (const entry of entries.slice(shown, count)) renderEntry(entry);
      if (count !== shown && scrollNew) {
        const newest = log.lastElementChild;
        if (newest instanceof HTMLElement && newest !== before) newest.scrollIntoView({ block: 'nearest' });
      }
      shown = count;
      const open = openQuestion(count);
      countdown.show(open ? { deadline: open.deadline, total: Math.max(1, open.deadline - open.at) } : null, now);
      if (!playing) {
        const label = position >= duration ? 'Play again' : 'Play';
        if (playButton.textContent !== label) {
          playButton.textContent = label;
          playButton.setAttribute('aria-label', label);
        }
      }
      const current = questionAt(position);
      for (const button of jumps.querySelectorAll('button')) {
        if (button.dataset.turn === current) button.setAttribute('aria-current', 'step');
        else button.removeAttribute('aria-current');
      }
      scrubber.value = String(position);
      const text = `${formatClock(position)} / ${formatClock(duration)}`;
      clock.textContent = text;
      scrubber.setAttribute('aria-valuetext', `${formatClock(position)} of ${formatClock(duration)}`);
    }

    function setPlaying(value: boolean): void {
      playing = value;
      playButton.textContent = value ? 'Pause' : position >= duration ? 'Play again' : 'Play';
      playButton.setAttribute('aria-label', playButton.textContent);
      container.dataset.state = value ? 'playing' : position >= duration ? 'ended' : 'paused';
      if (frame !== undefined) cancelAnimationFrame(frame);
      frame = undefined;
      if (value) {
        lastFrame = performance.now();
        frame = requestAnimationFrame(tick);
      }
      paint(false);
    }

    function tick(now: number): void {
      if (disposed || !playing) return;
      position = Math.min(duration, position + (now - lastFrame) * speed);
      lastFrame = now;
      paint(true);
      if (position >= duration) {
        setPlaying(false);
        announce('End of the replay.');
        return;
      }
      frame = requestAnimationFrame(tick);
    }

    function seek(to: number, focusNewest: boolean): void {
      position = Math.max(0, Math.min(duration, to));
      if (!playing) container.dataset.state = position >= duration ? 'ended' : 'paused';
      paint(true);
      if (focusNewest) {
        const target = log.querySelector(`[data-turn="${CSS.escape(questionAt(position) ?? '')}"]`);
        if (target instanceof HTMLElement) target.scrollIntoView({ block: 'start' });
      }
    }

    function questionAt(at: number): string | null {
      const entry = [...questionEntries].reverse().find((candidate) => candidate.at - t0 <= at);
      return entry ? entry.event.turnId : null;
    }

    playButton.addEventListener('click', () => {
      if (!playing && position >= duration) {
        position = 0;
        paint(false);
      }
      setPlaying(!playing);
    });
    for (const button of speedButtons) {
      button.addEventListener('click', () => {
        const value = SPEEDS.find((candidate) => String(candidate) === button.dataset.speed);
        if (value === undefined) return;
        speed = value;
        for (const other of speedButtons) other.setAttribute('aria-pressed', other === button ? 'true' : 'false');
      });
    }
    scrubber.addEventListener('input', () => seek(Number(scrubber.value), false));

    paint(false);
    setPlaying(false);
  }

  api
    .transcript(sessionId)
    .then((transcript) => {
      if (!disposed) start(transcript);
    })
    .catch((error: unknown) => {
      if (disposed) return;
      if (error instanceof ApiError && error.status === 404) {
        heading.textContent = 'Interview not found';
        body.replaceChildren(h('p', null, 'It may have been deleted.'), h('a', { class: 'btn btn-primary', attrs: { href: '#/history' } }, 'Back to history'));
      } else {
        toast(errorMessage(error), 'error');
      }
    });

  return () => {
    disposed = true;
    if (frame !== undefined) cancelAnimationFrame(frame);
    cleanupRender();
  };
}
