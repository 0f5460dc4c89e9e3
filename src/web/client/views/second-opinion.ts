import { DIMENSION_GAP, type GradeResult, type SecondOpinion } from '../../../contracts/feedback-schema.js';
import { formatScore, h, uniqueId } from '../dom.js';

function comparison(result: GradeResult, opinion: SecondOpinion, captionId: string): HTMLElement {
  const offline = new Map(opinion.dimensions.map((dimension) => [dimension.key, dimension]));
  return h(
    'table',
    { class: 'opinion-table', attrs: { 'aria-labelledby': captionId } },
    h('thead', null, h('tr', null, h('th', { attrs: { scope: 'col' } }, 'Score'), h('th', { attrs: { scope: 'col' } }, 'Model'), h('th', { attrs: { scope: 'col' } }, 'Offline grader'))),
    h(
      'tbody',
      null,
      result.dimensions.map((dimension) => {
        const other = offline.get(dimension.key);
        const apart = other !== undefined && Math.abs(other.score - dimension.score) >= DIMENSION_GAP;
        return h(
          'tr',
          { class: apart ? 'opinion-apart' : undefined, dataset: { key: dimension.key } },
          h('th', { attrs: { scope: 'row' } }, dimension.label, apart ? h('span', { class: 'visually-hidden' }, ' (the graders disagree)') : null),
          h('td', null, dimension.source === 'offline' ? `${dimension.score} (offline)` : String(dimension.score)),
          h('td', { attrs: { title: other?.rationale ?? '' } }, other ? String(other.score) : '—'),
        );
      }),
      h(
        'tr',
        { class: 'opinion-overall' },
        h('th', { attrs: { scope: 'row' } }, 'Overall'),
        h('td', null, formatScore(result.overall)),
        h('td', null, formatScore(opinion.overall)),
      ),
    ),
  );
}

/**
 * The offline grader's view next to the model's. When they disagree the card says "check this score" with
 * both views side by side; otherwise the comparison is one click away.
 */
export function secondOpinionView(result: GradeResult): HTMLElement | null {
  const opinion = result.secondOpinion;
  if (!opinion || result.grader.kind !== 'llm') return null;
  const captionId = uniqueId('opinion');
  if (opinion.flagged) {
    return h(
      'section',
      { class: 'check-score', attrs: { 'aria-labelledby': captionId } },
      h('h4', { attrs: { id: captionId } }, 'Check this score'),
      h(
        'p',
        null,
        `The offline grader reads this answer differently: ${formatScore(opinion.overall)} overall against the model's ${formatScore(result.overall)}. ` +
          'Scores two or more points apart are marked. If one of them is wrong, contest it below.',
      ),
      comparison(result, opinion, captionId),
    );
  }
  return h(
    'details',
    { class: 'second-opinion' },
    h('summary', { attrs: { id: captionId } }, `Second opinion: the offline grader gives ${formatScore(opinion.overall)}`),
    comparison(result, opinion, captionId),
  );
}
