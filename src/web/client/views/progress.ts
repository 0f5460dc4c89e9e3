import { RUBRIC_LABELS, RubricIdSchema } from '../../../grading/rubric-schema.js';
import type { Progress } from '../../../history/history-schemas.js';
import { api, errorMessage } from '../api.js';
import { scoreLines, type Series } from '../charts.js';
import { practiseHref, type AppContext, type Cleanup } from '../context.js';
import { append, formatScore, h, scoreClass } from '../dom.js';
import type { DeliveryProgress } from '../../../voice/voice-schemas.js';
import { deliveryPanel } from '../voice/delivery-progress.js';

/** Topics drawn as lines at most; the table under the chart lists them all. */
const MAX_TOPIC_LINES = 8;

/** Scores per rubric dimension and per topic over time, and the weakest topics with a way to practise them. */
export function progressView(ctx: AppContext, root: HTMLElement): Cleanup {
  let disposed = false;
  const destroyers: Array<() => void> = [];
  const body = h('div', null, h('p', { class: 'hint' }, 'Loading your progress…'));
  root.append(
    h(
      'div',
      { class: 'page' },
      h('h1', { attrs: { tabindex: '-1' } }, 'Progress'),
      h('p', { class: 'lead' }, 'How your scores move over time, per rubric dimension and per topic.'),
      body,
    ),
  );

  function chartPanel(title: string, series: Series[], note?: string): HTMLElement {
    const chart = scoreLines(title, series);
    destroyers.push(chart.destroy);
    return h('section', { class: 'panel chart-panel' }, h('h2', null, title), note ? h('p', { class: 'hint' }, note) : null, chart.element);
  }

  function render(progress: Progress, delivery: DeliveryProgress | null): void {
    if (progress.graded === 0) {
      body.replaceChildren(
        h(
          'div',
          { class: 'panel empty' },
          h('h2', null, 'No graded answers yet'),
          h('p', null, 'Answer a few questions in an interview or ask for one-shot feedback, and your trends appear here.'),
          h('a', { class: 'btn btn-primary', attrs: { href: '#/start' } }, 'Start an interview'),
        ),
      );
      return;
    }
    const weakest = progress.weakestTopics;
    const weakPanel =
      weakest.length > 0
        ? h(
            'section',
            { class: 'panel weakest', attrs: { 'aria-labelledby': 'weakest-title' } },
            h(
              'div',
              { class: 'panel-head' },
              h('h2', { attrs: { id: 'weakest-title' } }, 'Weakest topics'),
              h('a', { class: 'btn btn-primary', attrs: { href: practiseHref(weakest.map((topic) => topic.topic)) } }, 'Practise these'),
            ),
            h(
              'ul',
              { class: 'weak-list' },
              weakest.map((topic) =>
                h(
                  'li',
                  { class: 'weak-item' },
                  h('span', { class: ['score-badge', 'score-badge-small', scoreClass(topic.average)] }, h('span', { class: 'score-value' }, formatScore(topic.average))),
                  h('span', { class: 'weak-topic' }, topic.topic, h('span', { class: 'hint' }, ` · ${topic.count} answer${topic.count === 1 ? '' : 's'}`)),
                  h(
                    'a',
                    { class: 'btn btn-ghost btn-small', attrs: { href: practiseHref([topic.topic]), 'aria-label': `Practise ${topic.topic}` } },
                    'Practise',
                  ),
                ),
              ),
            ),
          )
        : null;

    // One chart per rubric the user has been graded with, in the rubrics' own order.
    const byRubric = RubricIdSchema.options
      .map((rubric) => ({ rubric, dimensions: progress.dimensions.filter((dimension) => dimension.rubric === rubric) }))
      .filter((group) => group.dimensions.length > 0);
    const topics = [...progress.topics].sort((a, b) => b.count - a.count).slice(0, MAX_TOPIC_LINES);

    body.replaceChildren();
    append(
      body,
      h(
        'div',
        { class: 'stats stats-page' },
        h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, String(progress.graded)), h('span', { class: 'stat-label' }, progress.graded === 1 ? 'graded answer' : 'graded answers')),
        h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, String(progress.topics.length)), h('span', { class: 'stat-label' }, progress.topics.length === 1 ? 'topic practised' : 'topics practised')),
      ),
      weakPanel,
      h(
        'div',
        { class: 'chart-grid' },
        byRubric.map((group) =>
          chartPanel(
            `${RUBRIC_LABELS[group.rubric]} dimensions over time`,
            group.dimensions.map((dimension) => ({ label: dimension.label, points: dimension.points })),
          ),
        ),
        chartPanel(
          'Topics over time',
          topics.map((topic) => ({ label: topic.topic, points: topic.points })),
          progress.topics.length > MAX_TOPIC_LINES ? `The ${MAX_TOPIC_LINES} topics you practised most.` : undefined,
        ),
      ),
    );
    if (delivery && delivery.spokenAnswers > 0) {
      const panel = deliveryPanel(delivery);
      destroyers.push(panel.destroy);
      body.append(panel.element);
    }
  }

  // Delivery is an extra: the page shows the scores even if it cannot be loaded.
  Promise.all([api.progress(), api.deliveryProgress().catch(() => null)])
    .then(([progress, delivery]) => {
      if (!disposed) render(progress, delivery);
    })
    .catch((error: unknown) => {
      if (!disposed) body.replaceChildren(h('p', { class: 'form-error' }, `Could not load your progress: ${errorMessage(error)}`));
    });

  return () => {
    disposed = true;
    for (const destroy of destroyers) destroy();
  };
}
