import type { SessionEvent } from '../../../contracts/protocol.js';
import { RUBRIC_LABELS } from '../../../contracts/rubric-schema.js';
import { scoreBars } from '../charts.js';
import { api } from '../api.js';
import { formatScore, h, scoreClass, uniqueId } from '../dom.js';

type Summary = Extract<SessionEvent, { type: 'session.summary' }>;

/** How many questions were answered, and what the missed ones did to the score (they count as 1). */
function answeredLine(summary: Summary): string {
  const missed = summary.skipped + summary.unanswered;
  const asked = summary.answered + missed;
  const answered = `Answered ${summary.answered} of ${asked} question${asked === 1 ? '' : 's'}.`;
  return missed === 0 ? answered : `${answered} Skipped and unanswered questions count as 1 on every dimension.`;
}

/** The end-of-interview card: overall score, counts, a chart of dimension averages, highlights, what to practise. */
export function summaryCard(
  summary: Summary,
  options: { onPractise?: (topics: string[]) => void; replayHref?: string } = {},
): { element: HTMLElement; destroy: () => void } {
  const destroyers: Array<() => void> = [];
  const rubrics = new Set(summary.dimensions.map((dimension) => dimension.rubric));
  const items = summary.dimensions.map((dimension) => ({
    label: rubrics.size > 1 ? `${RUBRIC_LABELS[dimension.rubric]} · ${dimension.label}` : dimension.label,
    value: dimension.average,
  }));
  let chart: HTMLElement | null = null;
  if (items.length > 0) {
    const bars = scoreBars('Average score per rubric dimension', items);
    destroyers.push(bars.destroy);
    chart = bars.element;
  }

  const stat = (label: string, value: string | number) =>
    h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, String(value)), h('span', { class: 'stat-label' }, label));

  const highlight = (label: string, turn: Summary['strongest']) =>
    turn
      ? h(
          'div',
          { class: 'highlight' },
          h('span', { class: 'highlight-label' }, label),
          h('p', { class: 'highlight-question' }, turn.question),
          h('span', { class: ['chip', scoreClass(turn.overall)] }, `${formatScore(turn.overall)} / 5`),
          h('span', { class: 'chip chip-quiet' }, turn.topic),
        )
      : null;

  // practiseNext mixes corpus topics with weak skills ("Concision (STAR answers)"); only topics can
  // seed an interview, so they are told apart with the topic list.
  const practise = summary.practiseNext.length > 0 ? h('div', { class: 'practise' }) : null;
  if (practise) {
    const chips = (items: string[]) => h('ul', { class: 'chips' }, items.map((item) => h('li', { class: 'chip chip-quiet' }, item)));
    practise.append(h('h3', null, 'Practise next'), chips(summary.practiseNext));
    void api
      .topicsCached()
      .then((known) => {
        const names = new Set(known.map((topic) => topic.topic));
        const topics = summary.practiseNext.filter((item) => names.has(item));
        const skills = summary.practiseNext.filter((item) => !names.has(item));
        practise.replaceChildren(h('h3', null, 'Practise next'));
        if (topics.length > 0) practise.append(h('p', { class: 'practise-label' }, 'Topics'), chips(topics));
        if (skills.length > 0) practise.append(h('p', { class: 'practise-label' }, 'Skills to work on'), chips(skills));
        if (topics.length > 0 && options.onPractise) {
          practise.append(
            h(
              'button',
              { class: 'btn btn-primary', attrs: { type: 'button' }, on: { click: () => options.onPractise?.(topics) } },
              topics.length === 1 ? 'Practise this topic' : 'Practise these topics',
            ),
          );
        }
      })
      .catch(() => undefined);
  }

  const requirementStatus = { covered: 'Covered', skipped: 'Asked, not answered', not_asked: 'Not asked' } as const;
  const requirements =
    summary.requirements && summary.requirements.length > 0
      ? h(
          'div',
          { class: 'requirements' },
          h('h3', null, 'Job requirements'),
          h(
            'ul',
            { class: 'requirement-list' },
            summary.requirements.map((requirement) =>
              h(
                'li',
                { class: ['requirement', `requirement-${requirement.status}`], dataset: { status: requirement.status } },
                h('span', { class: 'requirement-status' }, requirementStatus[requirement.status]),
                h('span', { class: 'requirement-text' }, requirement.text),
              ),
            ),
          ),
        )
      : null;

  const overall = summary.overall === null ? '—' : formatScore(summary.overall);
  const titleId = uniqueId('summary-title');
  const element = h(
    'article',
    { class: 'summary-card', attrs: { 'aria-labelledby': titleId } },
    h(
      'header',
      { class: 'summary-head' },
      h(
        'div',
        { class: ['score-badge', 'score-badge-large', summary.overall === null ? 'score-none' : scoreClass(summary.overall)], attrs: { 'aria-hidden': 'true' } },
        h('span', { class: 'score-value' }, overall),
        h('span', { class: 'score-scale' }, '/5'),
      ),
      h(
        'div',
        null,
        h('h2', { attrs: { id: titleId } }, 'Interview summary', h('span', { class: 'visually-hidden' }, `: overall ${overall} out of 5`)),
        h('div', { class: 'stats' }, stat('answered', summary.answered), stat('skipped', summary.skipped), stat('unanswered', summary.unanswered)),
        h('p', { class: 'summary-answered' }, answeredLine(summary)),
      ),
    ),
    chart,
    h('div', { class: 'highlights' }, highlight('Strongest answer', summary.strongest), highlight('Needs the most work', summary.weakest)),
    requirements,
    practise,
    options.replayHref ? h('p', null, h('a', { class: 'btn btn-ghost', attrs: { href: options.replayHref } }, 'Replay this interview')) : null,
  );
  return { element, destroy: () => destroyers.forEach((destroy) => destroy()) };
}
