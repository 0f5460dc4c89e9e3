import type { Agreement } from './metrics.js';
import type { EvalReport, SetReport } from './evaluate.js';

const PROTOCOL_NOTES: Record<SetReport['protocol'], (report: SetReport) => string> = {
  'cross-validated': (report) => `cross-validated: weights refitted without the held-out questions (${report.folds ?? 0} folds by question)`,
  shipped: () => 'shipped weights, not fitted on this set',
  'held-out': () => 'HELD OUT: shipped weights, never fitted or tuned on this set (nor refitted with it fold by fold)',
  'in-sample': () => 'IN-SAMPLE: the shipped weights were fitted on this set; an optimistic figure, not the result',
  llm: () => 'graded by the model',
};

/** Kinds with fewer answers than this are too few for a mean worth a line of the text report. */
const MIN_KIND_ANSWERS = 3;

const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

function row(label: string, figures: Agreement, ms?: number): string {
  return [
    `  ${label.padEnd(22)}`,
    String(figures.n).padStart(6),
    fixed(figures.pearson, 3).padStart(9),
    fixed(figures.spearman, 3).padStart(10),
    fixed(figures.qwk, 3).padStart(7),
    fixed(figures.rmse, 3).padStart(7),
    ms === undefined ? '' : fixed(ms, 2).padStart(11),
  ].join('');
}

/** The human-readable report, then one line of JSON with every figure (the last line). */
export function formatReport(report: EvalReport): string {
  const lines: string[] = [];
  const who = report.grader === 'llm' ? `LLM grader, model ${report.model}` : `offline grader, weights ${report.model}`;
  lines.push(`Grader agreement with the labelled scores (${who})`);
  if (report.withoutReference) {
    lines.push(
      'WITHOUT REFERENCE: every answer graded as if its question had no model answer (none of its own, none lent by related',
      'questions, no referenceAnswer); the baselines compare each answer with the question\'s text, not with a reference.',
    );
  }
  lines.push('');
  for (const set of report.sets) {
    lines.push(`${set.name}: ${set.questions} questions, scale ${set.scale[0]}–${set.scale[1]}; ${PROTOCOL_NOTES[set.protocol](set)}`);
    lines.push(`  ${''.padEnd(22)}${'n'.padStart(6)}${'Pearson'.padStart(9)}${'Spearman'.padStart(10)}${'QWK'.padStart(7)}${'RMSE'.padStart(7)}${'ms/answer'.padStart(11)}`);
    lines.push(row(report.grader === 'llm' ? 'LLM grader' : 'offline grader', set.grader, set.grader.msPerAnswer));
    if (set.rules) lines.push(row('type rules alone', set.rules));
    const onQuestion = set.baselineAgainst === 'question';
    lines.push(row(onQuestion ? 'TF-IDF vs question' : 'TF-IDF cosine', set.tfidf));
    lines.push(row(onQuestion ? 'question-word recall' : 'word-overlap recall', set.overlap));
    if (set.byRubric && set.byRubric.length > 0) {
      lines.push(`  Spearman by rubric${set.protocol === 'cross-validated' ? ' (grader cross-validated as above)' : ''}:`);
      lines.push(`    ${'rubric'.padEnd(20)}${'n'.padStart(5)}${'grader'.padStart(9)}${'rules'.padStart(8)}${'TF-IDF'.padStart(9)}`);
      for (const part of set.byRubric) {
        lines.push(`    ${part.rubric.padEnd(20)}${String(part.n).padStart(5)}${fixed(part.grader, 3).padStart(9)}${fixed(part.rules, 3).padStart(8)}${fixed(part.tfidf, 3).padStart(9)}`);
      }
    }
    if (set.fallbacks > 0) lines.push(`  ${set.fallbacks} answers the model could not grade (the offline grader answered) are left out above.`);
    if (set.shownAsExamples > 0) {
      lines.push(`  ${set.shownAsExamples} answers to the questions the prompt shows graded examples from are left out above (and from the baselines).`);
    }
    const kinds = (set.byKind ?? []).filter((kind) => kind.n >= MIN_KIND_ANSWERS);
    if (kinds.length > 0) {
      const rare = (set.byKind ?? []).length - kinds.length;
      lines.push(`  by kind of answer (from the set's notes), mean of each${rare > 0 ? `; ${rare} kinds of fewer than ${MIN_KIND_ANSWERS} answers only in the JSON` : ''}:`);
      lines.push(`  ${'kind'.padEnd(22)}${'n'.padStart(6)}${'gold'.padStart(9)}${'score'.padStart(10)}`);
      for (const kind of kinds) {
        lines.push(`  ${kind.kind.padEnd(22)}${String(kind.n).padStart(6)}${fixed(kind.gold, 2).padStart(9)}${fixed(kind.score, 2).padStart(10)}`);
      }
    }
    lines.push('');
  }
  lines.push('QWK after mapping each score onto the set\'s scale by least squares and rounding; RMSE after the same linear map.');
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const figures = (agreement: Agreement) => ({
    n: agreement.n,
    pearson: round(agreement.pearson),
    spearman: round(agreement.spearman),
    qwk: round(agreement.qwk),
    rmse: round(agreement.rmse),
  });
  lines.push(
    JSON.stringify({
      grader: report.grader,
      model: report.model,
      ...(report.withoutReference ? { withoutReference: true } : {}),
      sets: report.sets.map((set) => ({
        name: set.name,
        questions: set.questions,
        scale: set.scale,
        protocol: set.protocol,
        ...(set.baselineAgainst === 'question' ? { baselineAgainst: 'question' } : {}),
        ...(set.folds === undefined ? {} : { folds: set.folds }),
        grader: { ...figures(set.grader), msPerAnswer: round(set.grader.msPerAnswer) },
        tfidf: figures(set.tfidf),
        overlap: figures(set.overlap),
        ...(set.rules ? { rules: figures(set.rules) } : {}),
        ...(set.byRubric
          ? { byRubric: set.byRubric.map((part) => ({ rubric: part.rubric, n: part.n, grader: round(part.grader), rules: round(part.rules), tfidf: round(part.tfidf) })) }
          : {}),
        fallbacks: set.fallbacks,
        shownAsExamples: set.shownAsExamples,
        ...(set.byKind ? { byKind: set.byKind.map((kind) => ({ kind: kind.kind, n: kind.n, gold: round(kind.gold), score: round(kind.score) })) } : {}),
      })),
    }),
  );
  return lines.join('\n');
}

/**
 * `--answers FILE`: one JSON object per graded answer (set, item id, position, kind, gold, the grader's score
 * that entered the figures — held out when cross-validated — and both baselines), to see where the grader and
 * people disagree.
 */
export function answerLines(report: EvalReport): string {
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return report.sets
    .flatMap((set) =>
      set.answers.map((row) =>
        JSON.stringify({
          set: set.name,
          item: row.item,
          answer: row.answer,
          ...(row.kind === undefined ? {} : { kind: row.kind }),
          gold: row.gold,
          score: round(row.score),
          tfidf: round(row.tfidf),
          overlap: round(row.overlap),
        }),
      ),
    )
    .map((line) => `${line}\n`)
    .join('');
}
