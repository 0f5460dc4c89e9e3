import type { SessionMessage } from '../../../contracts/protocol.js';
import { QUESTION_TYPES } from '../../../contracts/question-type.js';
import { h } from '../dom.js';

/* Chat pieces shared by the live interview and the replay. */

export type QuestionMessage = Extract<SessionMessage, { type: 'question' | 'followup' }>;

export function questionBubble(message: QuestionMessage): HTMLElement {
  const meta =
    message.type === 'question' ? `Question ${message.index} of ${message.total}` : `Follow-up to question ${message.index}`;
  return h(
    'li',
    { class: ['bubble', 'bubble-interviewer', message.type === 'followup' && 'bubble-followup'], dataset: { turn: message.turnId, role: 'question' } },
    h(
      'div',
      { class: 'bubble-meta' },
      h('span', { class: 'who' }, 'Interviewer'),
      h('span', null, `${meta} · ${message.topic}`),
      message.questionType ? h('span', { class: 'chip chip-type', dataset: { type: message.questionType } }, QUESTION_TYPES[message.questionType].label) : null,
    ),
    h('p', { class: 'bubble-text' }, message.text),
    message.type === 'question' && message.reason ? h('p', { class: 'bubble-reason' }, message.reason) : null,
  );
}

export interface AnswerBubble {
  element: HTMLElement;
  setStatus(text: string, state?: 'pending' | 'queued' | 'ok' | 'draft'): void;
  setText(text: string): void;
}

export function answerBubble(turnId: string, text: string, status = '', label = 'You'): AnswerBubble {
  const statusEl = h('span', { class: 'bubble-status' }, status);
  const textEl = h('p', { class: 'bubble-text' }, text);
  const element = h(
    'li',
    { class: ['bubble', 'bubble-candidate'], dataset: { turn: turnId, role: 'answer' } },
    h('div', { class: 'bubble-meta' }, h('span', { class: 'who' }, label), statusEl),
    textEl,
  );
  return {
    element,
    setStatus(value, state) {
      statusEl.textContent = value;
      statusEl.dataset.state = state ?? '';
    },
    setText(value) {
      textEl.textContent = value;
    },
  };
}

export function noteItem(text: string, kind: 'info' | 'warn' | 'error' = 'info'): HTMLElement {
  return h('li', { class: ['note', `note-${kind}`] }, h('p', null, text));
}

export function cardItem(card: HTMLElement, turnId?: string): HTMLElement {
  return h('li', { class: 'card-item', dataset: turnId ? { turn: turnId } : {} }, card);
}

/** Pulls the finished "rationale" strings out of a partial JSON reply, so streaming shows words, not braces. */
export function partialRationales(streamed: string): string[] {
  const found: string[] = [];
  for (const match of streamed.matchAll(/"rationale"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) {
    try {
      const value: unknown = JSON.parse(`"${match[1] ?? ''}"`);
      if (typeof value === 'string' && value.trim() !== '') found.push(value);
    } catch {
      // An escape cut in half; the next delta completes it.
    }
  }
  return found;
}

/** The "grading…" placeholder that shows streamed rationales until the feedback arrives. */
export function gradingCard(): { element: HTMLElement; update(streamed: string): void } {
  const lines = h('ul', { class: 'grading-lines' });
  const element = h(
    'div',
    { class: 'grading-card', attrs: { 'aria-busy': 'true' } },
    h('p', { class: 'grading-title' }, h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }), 'Grading your answer…'),
    lines,
  );
  let shown = 0;
  return {
    element,
    update(streamed) {
      const rationales = partialRationales(streamed);
      for (const text of rationales.slice(shown)) lines.append(h('li', null, text));
      shown = Math.max(shown, rationales.length);
    },
  };
}
