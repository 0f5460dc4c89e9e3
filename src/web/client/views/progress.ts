import { RUBRIC_LABELS, RubricIdSchema } from '../../../contracts/rubric-schema.js';
import type { Progress, ProgressSource } from '../../../contracts/history-schemas.js';
import { api, errorMessage } from '../api.js';
import { scoreLines, type Series } from '../charts.js';
import { practiseHref, type AppContext, type Cleanup } from '../context.js';
import { append, formatScore, h, scoreClass } from '../dom.js';
import type { DeliveryProgress } from '../../../contracts/voice-schemas.js';
import { deliveryPanel } from '../voice/delivery-progress.js';

/** Topics drawn as small charts at most: the most practised. */
const MAX_TOPIC_CHARTS = 8;

const SOURCES: ReadonlyArray<{ value: ProgressSource; label: string }> = [
  { value: 'interviews', label: 'Interviews' },
  { value: 'quick', label: 'Quick feedback' },
  { value: 'all', label: 'Both' },
];

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

  /** One small chart per series (small multiples): one line each, on the same 1–5 scale, readable at 375 px. */
  function multiples(title: string, titleId: string, series: Series[], note?: string): HTMLElement {
    return h(
      'section',
      { class: 'panel chart-panel', attrs: { 'aria-labelledby': titleId } },
      h('h2', { attrs: { id: titleId } }, title),
      note ? h('p', { class: 'hint' }, note) : null,
      h(
        'ul',
        { class: 'multiples' },
        series.map((entry) => {
          const chart = scoreLines(entry.label, [entry]);
          destroyers.push(chart.destroy);
          const scores = entry.points.map((point) => point.score);
          const average = scores.reduce((sum, score) => sum + score, 0) / (scores.length || 1);
          return h(
            'li',
            { class: 'multiple' },
            h('h3', null, entry.label, h('span', { class: 'hint' }, ` · ${average.toFixed(1)} over ${scores.length}`)),
            chart.element,
          );
        }),
      ),
    );
  }

  function sourcePicker(progress: Progress): HTMLElement {
    const counts: Record<ProgressSource, number> = {
      interviews: progress.bySource.interviews,
      quick: progress.bySource.quick,
      all: progress.bySource.interviews + progress.bySource.quick,
    };
    return h(
      'fieldset',
      { class: 'source-picker' },
      h('legend', null, 'Answers from'),
      SOURCES.map((option) =>
        h(
          'label',
          { class: 'source-option' },
          h('input', {
            attrs: { type: 'radio', name: 'progress-source', value: option.value, checked: option.value === progress.source },
            on: { change: () => load(option.value) },
          }),
          ` ${option.label} (${counts[option.value]})`,
        ),
      ),
    );
  }

  function render(progress: Progress, delivery: DeliveryProgress | null): void {
    for (const destroy of destroyers.splice(0)) destroy();
    if (progress.bySource.interviews + progress.bySource.quick === 0) {
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

    // One group of small charts per rubric the user has been graded with, in the rubrics' own order.
    const byRubric = RubricIdSchema.options
      .map((rubric) => ({ rubric, dimensions: progress.dimensions.filter((dimension) => dimension.rubric === rubric) }))
      .filter((group) => group.dimensions.length > 0);
    const topics = [...progress.topics].sort((a, b) => b.count - a.count).slice(0, MAX_TOPIC_CHARTS);

    // Changing the source redraws the page: keep the keyboard on the picker.
    const active = document.activeElement;
    const pickerHadFocus = active instanceof HTMLInputElement && active.name === 'progress-source';
    body.replaceChildren();
    append(body, sourcePicker(progress));
    if (pickerHadFocus) body.querySelector<HTMLInputElement>('input[name="progress-source"]:checked')?.focus();
    if (progress.graded === 0) {
      body.append(h('p', { class: 'panel empty' }, 'No graded answers from this source yet.'));
      return;
    }
    append(
      body,
      h(
        'div',
        { class: 'stats stats-page' },
        h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, String(progress.graded)), h('span', { class: 'stat-label' }, progress.graded === 1 ? 'graded answer' : 'graded answers')),
        h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, String(progress.topics.length)), h('span', { class: 'stat-label' }, progress.topics.length === 1 ? 'topic practised' : 'topics practised')),
      ),
      weakPanel,
      byRubric.map((group) =>
        multiples(
          `${RUBRIC_LABELS[group.rubric]} dimensions over time`,
          `progress-${group.rubric}`,
          group.dimensions.map((dimension) => ({ label: dimension.label, points: dimension.points })),
        ),
      ),
      multiples(
        'Topics over time',
        'progress-topics',
        topics.map((topic) => ({ label: topic.topic, points: topic.points })),
        progress.topics.length > MAX_TOPIC_CHARTS ? `The ${MAX_TOPIC_CHARTS} topics you practised most.` : undefined,
      ),
    );
    if (delivery && delivery.spokenAnswers > 0) {
      const panel = deliveryPanel(delivery);
      destroyers.push(panel.destroy);
      body.append(panel.element);
    }
  }

  let loading = 0;
  // Delivery is an extra: the page shows the scores even if it cannot be loaded.
  const delivery = api.deliveryProgress().catch(() => null);
  function load(source: ProgressSource | null): void {
    const request = (loading += 1);
    // First visit: interviews when there are any, since pasted quick feedback says less about interview form.
    const progress = api
      .progress(source ?? 'interviews')
      .then((result) =>
        source === null && result.bySource.interviews === 0 && result.bySource.quick > 0 ? api.progress('all') : result,
      );
    Promise.all([progress, delivery])
      .then(([result, spoken]) => {
        if (!disposed && request === loading) render(result, spoken);
      })
      .catch((error: unknown) => {
        if (!disposed) body.replaceChildren(h('p', { class: 'form-error' }, `Could not load your progress: ${errorMessage(error)}`));
      });
  }
  load(null);

  return () => {
    disposed = true;
    for (const destroy of destroyers) destroy();
  };
}
