import type { Transcript } from '../../../contracts/history-schemas.js';
import { TurnStatus } from '../../../contracts/turn-status.js';
import { api, errorMessage } from '../api.js';
import type { AppContext, Cleanup } from '../context.js';
import { append, formatDateTime, formatScore, h } from '../dom.js';
import { feedbackCard } from './feedback-card.js';
import { summaryCard } from './summary.js';

const MODE_TITLES: Record<Transcript['session']['mode'], string> = {
  behavioural: 'Behavioural interview',
  technical: 'Technical interview',
  mixed: 'Mixed interview',
  drill: 'Drill',
};

/**
 * One interview as a document to read or print: the summary first, then every question with the answer,
 * its feedback and the model answer. The print stylesheet turns it into a clean PDF ("Print" → "Save as PDF").
 */
export function reportView(_ctx: AppContext, root: HTMLElement, sessionId: string): Cleanup {
  let disposed = false;
  const destroyers: Array<() => void> = [];
  const heading = h('h1', { attrs: { tabindex: '-1' } }, 'Interview report');
  const body = h('div', null, h('p', { class: 'hint' }, 'Loading the interview…'));
  root.append(h('div', { class: 'page report' }, heading, body));

  // Printing shows what is behind every disclosure (model answers, rationale tables), then puts it back.
  let opened: HTMLDetailsElement[] = [];
  const beforePrint = () => {
    opened = [...root.querySelectorAll('details')].filter((details) => !details.open);
    for (const details of opened) details.open = true;
  };
  const afterPrint = () => {
    for (const details of opened) details.open = false;
    opened = [];
  };
  window.addEventListener('beforeprint', beforePrint);
  window.addEventListener('afterprint', afterPrint);

  function render(transcript: Transcript): void {
    const { session } = transcript;
    const title = MODE_TITLES[session.mode];
    heading.textContent = `${title} — report`;
    const summary = transcript.summary?.type === 'session.summary' ? summaryCard(transcript.summary) : null;
    if (summary) destroyers.push(summary.destroy);
    body.replaceChildren();
    append(
      body,
      h(
        'p',
        { class: 'report-meta' },
        h('time', { attrs: { datetime: session.createdAt } }, formatDateTime(session.createdAt)),
        ` · ${session.answered} of ${session.questions} answered · overall ${session.overall === null ? '—' : `${formatScore(session.overall)} / 5`} · ${session.secondsPerQuestion} s per question`,
      ),
      h(
        'div',
        { class: 'report-actions' },
        h('button', { class: 'btn btn-primary', attrs: { type: 'button' }, on: { click: () => window.print() } }, 'Print or save as PDF'),
        h('a', { class: 'btn btn-ghost', attrs: { href: `#/replay/${encodeURIComponent(session.id)}` } }, 'Replay'),
      ),
      summary ? summary.element : null,
      h('h2', { class: 'report-section' }, 'Questions and answers'),
      transcript.turns.map((turn) =>
        h(
          'article',
          { class: ['report-turn', turn.parentTurnId ? 'report-followup' : false], attrs: { 'aria-label': turn.parentTurnId ? `Follow-up to question ${turn.mainIndex}` : `Question ${turn.mainIndex}` } },
          h('h3', null, turn.parentTurnId ? `Follow-up to question ${turn.mainIndex}` : `Question ${turn.mainIndex} · ${turn.topic}`),
          h('blockquote', { class: 'report-question' }, turn.question),
          turn.answer
            ? h(
                'div',
                { class: 'report-answer' },
                h('p', { class: 'report-label' }, turn.answerSource === 'draft_at_time_up' ? 'Your answer (the draft graded at time-up)' : 'Your answer'),
                h('p', { class: 'report-answer-text' }, turn.answer),
              )
            : h('p', { class: 'report-answer hint' }, turn.status === TurnStatus.skipped ? 'Skipped.' : 'No answer before the time ran out.'),
          turn.feedback
            ? feedbackCard(turn.feedback, {
                title: 'Feedback',
                modelAnswer: turn.modelAnswer,
                modelAnswerNote: turn.modelAnswerNote,
                ...(turn.spoken ? { delivery: turn.spoken.delivery } : {}),
              })
            : turn.modelAnswer
              ? h('div', { class: 'report-model' }, h('p', { class: 'report-label' }, 'Model answer'), h('p', { class: 'report-answer-text' }, turn.modelAnswer))
              : null,
        ),
      ),
    );
  }

  api
    .transcript(sessionId)
    .then((transcript) => {
      if (!disposed) render(transcript);
    })
    .catch((error: unknown) => {
      if (!disposed) body.replaceChildren(h('p', { class: 'form-error' }, `Could not load the interview: ${errorMessage(error)}`));
    });

  return () => {
    disposed = true;
    window.removeEventListener('beforeprint', beforePrint);
    window.removeEventListener('afterprint', afterPrint);
    for (const destroy of destroyers) destroy();
  };
}
