import type { Dispute } from '../../../contracts/dispute-schema.js';
import type { Correction, GradeResult, KeyPointCoverage } from '../../../contracts/feedback-schema.js';
import type { Delivery } from '../../../contracts/voice-schemas.js';
import type { PreviousAttempt } from '../../../contracts/previous-attempt-schema.js';
import { RUBRIC_LABELS } from '../../../contracts/rubric-schema.js';
import { QUESTION_TYPES } from '../../../contracts/question-type.js';
import { disputeStore } from '../disputes.js';
import { formatScore, h, scoreClass, uniqueId } from '../dom.js';
import { deliverySection } from '../voice/delivery-view.js';
import { contestControl } from './contest-control.js';
import { rubricHref } from './rubrics.js';
import { secondOpinionView } from './second-opinion.js';

export interface FeedbackCardOptions {
  /** Heading of the card, e.g. "Feedback on question 2". */
  title?: string;
  /** The corpus model answer; shown behind a toggle. */
  modelAnswer?: string | null;
  /** Where the model answer comes from when the source documents lack it (a curated answer), shown with it. */
  modelAnswerNote?: string | null;
  /** How a spoken answer was delivered (pace, fillers, pauses). */
  delivery?: Delivery;
  /** The stored feedback's id: each score gets a "Contest" control. */
  feedbackId?: string;
  /** The feedback's disputes when known; otherwise they are read when the user first opens a control. */
  disputes?: readonly Dispute[];
  /** The previous attempt at the same question: the card shows what changed since. */
  previous?: PreviousAttempt;
  /** Offers "Retake this question" (a corpus question only). */
  onRetake?: () => void;
}

const signed = (delta: number): string => (delta > 0 ? `+${delta}` : delta < 0 ? `−${Math.abs(delta)}` : '±0');

/** What moved since the previous attempt: the overall and each dimension, as signed numbers and in words. */
function deltasSection(result: GradeResult, previous: PreviousAttempt): HTMLElement {
  const id = uniqueId('fb-deltas');
  const overall = Math.round((result.overall - previous.overall) * 10) / 10;
  const direction = (delta: number) => (delta > 0 ? 'up' : delta < 0 ? 'down' : 'same');
  return h(
    'section',
    { class: 'feedback-deltas', attrs: { 'aria-labelledby': id } },
    h('h4', { attrs: { id } }, 'Since your last attempt'),
    h(
      'p',
      { class: ['delta-overall', `delta-${direction(overall)}`] },
      `Overall ${formatScore(previous.overall)} → ${formatScore(result.overall)} (${overall > 0 ? '+' : overall < 0 ? '−' : '±'}${formatScore(Math.abs(overall))})`,
    ),
    h(
      'ul',
      { class: 'delta-list' },
      previous.deltas.map((delta) =>
        h(
          'li',
          { class: ['delta', `delta-${direction(delta.delta)}`], dataset: { key: delta.key } },
          h('span', { class: 'delta-label' }, delta.label),
          h('span', { class: 'delta-scores' }, `${delta.previous} → ${delta.previous + delta.delta}`),
          h('span', { class: 'delta-value' }, signed(delta.delta)),
        ),
      ),
    ),
  );
}

function graderLine(result: GradeResult): string {
  const { grader } = result;
  const who = grader.kind === 'llm' ? `LLM grader${grader.model ? ` (${grader.model})` : ''}` : 'Offline grader';
  const weights = grader.weightsVersion ? ` · weights ${grader.weightsVersion}` : '';
  return `${RUBRIC_LABELS[result.rubric]} rubric ${grader.rubricVersion} · ${who} · prompt ${grader.promptVersion}${weights}`;
}

/** What kind of question this was, and a link to the rubric that scored it. */
function typeLine(result: GradeResult): HTMLElement {
  const type = result.questionType ? QUESTION_TYPES[result.questionType] : undefined;
  return h(
    'p',
    { class: 'feedback-type' },
    type ? [h('span', { class: 'feedback-type-label' }, 'Question type: '), h('span', { class: 'chip chip-type', dataset: { type: result.questionType ?? '' } }, type.label)] : null,
    h('a', { class: 'rubric-link', attrs: { href: rubricHref(result.rubric) } }, `How the ${RUBRIC_LABELS[result.rubric]} rubric scores`),
  );
}

function list(title: string, items: readonly string[], className: string): HTMLElement | null {
  if (items.length === 0) return null;
  const id = uniqueId('fb-list');
  return h(
    'section',
    { class: ['feedback-list', className], attrs: { 'aria-labelledby': id } },
    h('h4', { attrs: { id } }, title),
    h('ul', null, items.map((item) => h('li', null, item))),
  );
}

const COVERAGE_LABELS: Record<KeyPointCoverage['status'], string> = { covered: 'Covered', partial: 'Partly', missed: 'Missed', contradicted: 'Contradicted' };

/**
 * The reference answer's key points, each covered, partly covered, missed or contradicted, with the sentence of
 * the answer that covers or contradicts it. The status is a word, not only a colour.
 */
function coverageMap(points: readonly KeyPointCoverage[]): HTMLElement {
  const id = uniqueId('fb-coverage');
  const covered = points.filter((point) => point.status === 'covered').length;
  return h(
    'section',
    { class: 'coverage-map', attrs: { 'aria-labelledby': id } },
    h('h4', { attrs: { id } }, `Key points of the model answer: ${covered} of ${points.length} covered`),
    h(
      'ul',
      null,
      points.map((point) =>
        h(
          'li',
          { class: ['coverage-point', `coverage-${point.status}`], dataset: { status: point.status } },
          h('span', { class: 'coverage-status' }, COVERAGE_LABELS[point.status]),
          h('span', { class: 'coverage-label' }, point.point),
          point.note ? h('span', { class: 'coverage-note' }, point.note) : null,
          point.quote ? h('blockquote', { class: 'coverage-quote' }, point.quote) : null,
        ),
      ),
    ),
  );
}

/** The answer's sentences that state a known misconception, each with the claim and what is true instead. */
function correctionsView(corrections: readonly Correction[]): HTMLElement {
  const id = uniqueId('fb-corrections');
  return h(
    'section',
    { class: 'corrections', attrs: { 'aria-labelledby': id } },
    h('h4', { attrs: { id } }, corrections.length === 1 ? 'A known error in the answer' : `${corrections.length} known errors in the answer`),
    h(
      'ul',
      null,
      corrections.map((entry) =>
        h(
          'li',
          { class: 'correction' },
          h('blockquote', { class: 'correction-quote' }, entry.quote),
          h('p', { class: 'correction-claim' }, `A common misconception: ${entry.claim}`),
          h('p', { class: 'correction-fact' }, `In fact: ${entry.correction}`),
        ),
      ),
    ),
  );
}

/**
 * One graded answer: overall score, a bar per rubric dimension with its rationale and the quoted
 * evidence, strengths, improvements, the key-point coverage map (or the missed key points), who graded it,
 * and the model answer on demand.
 * All of it is model or user text, so all of it goes in as text nodes.
 */
export function feedbackCard(result: GradeResult, options: FeedbackCardOptions = {}): HTMLElement {
  const { feedbackId } = options;
  if (feedbackId !== undefined && options.disputes) disputeStore.seed(feedbackId, options.disputes);
  const titleId = uniqueId('fb-title');
  const overall = formatScore(result.overall);
  const dimensions = h(
    'ul',
    { class: 'dimensions' },
    result.dimensions.map((dimension) => {
      const fill = h('span', { class: ['bar-fill', scoreClass(dimension.score)] });
      fill.style.width = `${(dimension.score / 5) * 100}%`;
      return h(
        'li',
        { class: 'dimension', dataset: { key: dimension.key } },
        h(
          'div',
          { class: 'dimension-head' },
          h('span', { class: 'dimension-label' }, dimension.label),
          dimension.source === 'offline' && result.grader.kind === 'llm'
            ? h('span', { class: 'source-tag', attrs: { title: 'The model gave no usable score for this dimension.' } }, 'scored offline')
            : null,
          h('span', { class: 'dimension-score' }, `${dimension.score}/5`),
        ),
        h('div', { class: 'bar', attrs: { 'aria-hidden': 'true' } }, fill),
        h('p', { class: 'rationale' }, dimension.rationale),
        dimension.evidence && dimension.evidence.length > 0
          ? h(
              'div',
              { class: 'evidence' },
              h('span', { class: 'evidence-label' }, 'From your answer'),
              dimension.evidence.map((quote) => h('blockquote', null, quote)),
            )
          : null,
        feedbackId === undefined ? null : contestControl({ feedbackId, dimension: dimension.key, label: dimension.label, score: dimension.score }),
      );
    }),
  );

  const fallback = result.grader.fallbackReason
    ? h(
        'p',
        { class: 'fallback-note', attrs: { role: 'note' } },
        `The model could not grade this answer (${result.grader.fallbackReason}), so the offline grader did.`,
      )
    : null;

  const partial = result.grader.partialReason
    ? h('p', { class: 'fallback-note', attrs: { role: 'note' } }, `Only part of this answer was graded: ${result.grader.partialReason}.`)
    : null;

  const modelAnswer =
    options.modelAnswer && options.modelAnswer.trim() !== ''
      ? h(
          'details',
          { class: 'model-answer' },
          h('summary', null, 'Show model answer'),
          // A long model answer scrolls inside its box; keyboard users must be able to reach and scroll it.
          h('div', { class: 'model-answer-text', attrs: { tabindex: '0', role: 'region', 'aria-label': 'Model answer' } }, options.modelAnswer),
          options.modelAnswerNote ? h('p', { class: 'model-answer-source' }, options.modelAnswerNote) : null,
        )
      : null;

  return h(
    'article',
    { class: 'feedback-card', attrs: { 'aria-labelledby': titleId }, dataset: { rubric: result.rubric } },
    h(
      'header',
      { class: 'feedback-head' },
      h(
        'div',
        { class: ['score-badge', scoreClass(result.overall)], attrs: { 'aria-hidden': 'true' } },
        h('span', { class: 'score-value' }, overall),
        h('span', { class: 'score-scale' }, '/5'),
      ),
      h(
        'div',
        { class: 'feedback-title' },
        h('h3', { attrs: { id: titleId } }, options.title ?? 'Feedback', h('span', { class: 'visually-hidden' }, `: ${overall} out of 5`)),
        h('p', { class: 'grader-info' }, graderLine(result)),
      ),
    ),
    typeLine(result),
    fallback,
    secondOpinionView(result),
    partial,
    options.previous ? deltasSection(result, options.previous) : null,
    dimensions,
    feedbackId === undefined ? null : contestControl({ feedbackId, dimension: null, label: 'overall', score: result.overall }),
    result.corrections && result.corrections.length > 0 ? correctionsView(result.corrections) : null,
    result.coverage && result.coverage.length > 0 ? coverageMap(result.coverage) : null,
    h(
      'div',
      { class: 'feedback-lists' },
      list('Strengths', result.strengths, 'strengths'),
      // A correction is in the known-errors block above, with the claim it corrects; not repeated here.
      list('To improve', result.corrections && result.corrections.length > 0 ? result.improvements.filter((text) => !/^(?:Next step: )?Correct "/.test(text)) : result.improvements, 'improvements'),
      // The coverage map already names the missed points.
      result.coverage && result.coverage.length > 0 ? null : list('Missed key points', result.missingPoints, 'missing'),
    ),
    options.delivery ? deliverySection(options.delivery) : null,
    modelAnswer,
    options.onRetake
      ? h(
          'p',
          { class: 'feedback-actions' },
          h('button', { class: 'btn btn-ghost btn-small retake', attrs: { type: 'button' }, on: { click: options.onRetake } }, 'Retake this question'),
        )
      : null,
  );
}
