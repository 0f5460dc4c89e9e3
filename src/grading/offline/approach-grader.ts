import { WORD_BANDS } from '../behavioural-rubrics.js';
import {
  answerConcision,
  evidenceOf,
  finishFeedback,
  quote,
  relevanceAdvice,
  relevanceDraft,
  type TypeGrader,
} from './behavioural-grading.js';
import { readResponse, realCase, type ResponseFeatures, type ResponseSentence } from './response-features.js';
import { resamplesBeforeSplit } from './resampling-order.js';
import { plural, type Advice, type DimensionDraft } from './scoring.js';

/*
 * "How do you…?": a concrete method, the reasons behind it and an example of it in practice. Steps are
 * counted as actions (I/we clauses, imperative steps, list items); a step is specific when it names a
 * technique or a tool or says enough to be checked.
 */

// The cue lists overlap ("so that" is in both), so a sentence counts the larger of the two, and only
// when it says something: "It depends on the situation." is no condition.
const reasonsIn = (sentence: ResponseSentence): number =>
  sentence.substance < 2 ? 0 : Math.max(sentence.star.sentence.cues.get('reasoning') ?? 0, sentence.cues.get('because') ?? 0);
const conditionsIn = (sentence: ResponseSentence): number =>
  sentence.substance < 2
    ? 0
    : Math.max(
        sentence.cues.get('condition') ?? 0,
        (sentence.star.sentence.cues.get('whenToUse') ?? 0) + (sentence.star.sentence.cues.get('tradeoff') ?? 0),
      );

/*
 * Two practices that make an evaluation say nothing, read as the candidate's own practice:
 * - judging a model by accuracy alone when the question is how to measure it or how to handle imbalance: no other
 *   metric, curve, cost or business measure named (an answer that calls accuracy misleading names what it uses instead);
 * - resampling before the split, or balancing the test set: the evaluation no longer sees the real class mix. A sentence
 *   that warns, contrasts or conditions ("If you resample before the split…", "never balance the test set", "rather
 *   than…") is no practice of the candidate's.
 */
const EVALUATION_QUESTION = /\b(?:measur\w*|success\w*|evaluat\w*|metrics?|imbalanc\w*|imbalanced|skew\w*|rare class\w*)\b/i;
const ACCURACY = /\baccura(?:cy|te)\b/i;
const OTHER_METRIC =
  /\b(?:precision|recall|f1|f-1|f-score|f score|auc|roc|pr curve|pr-auc|auprc|confusion matri\w+|log[- ]?loss|brier|calibrat\w*|mae|mse|rmse|mape|r2|r-squared|ndcg|map@\w*|lift|kpi\w*|revenue|conversion|cost\w*|a\/b|business (?:metric|impact|outcome|value|goal)s?|sensitivity|specificity|false (?:positive|negative)s?|true positive rate|mcc|kappa|per[- ]class)\b/i;
const RESAMPLING = /\b(?:smote|adasyn|over-?sampl\w*|under-?sampl\w*|re-?sampl\w*|balanc\w*)\b/i;
const LEAKS = /\bbefore (?:i |we )?(?:the )?split\w*|\btest (?:set|data) (?:\w+ ){0,3}(?:balanced|resampled|oversampled)|\b(?:balance|resample|oversample)\w* (?:\w+ ){0,3}test (?:set|data)\b|\bboth the train\w* (?:set |data )?and (?:the )?test\b/i;
// "n't" ends a word ("don't"), so no word boundary opens it.
const NOT_OWN_PRACTICE = /n['’]t\b|\b(?:if|unless|never|not|avoid\w*|rather than|instead of|mistake|wrong|leak\w*|only (?:on|to) the train\w*|after (?:the |i |we )?split\w*)\b/i;

/*
 * Debugging is finding out why before changing anything: an answer to "how do you debug a model that underperforms"
 * whose every step tunes or swaps the model (a bigger search, a more powerful model) never diagnoses. Any look at the
 * errors, the data, the curves or a baseline is a diagnosis.
 */
const DEBUG_QUESTION = /\b(?:debug\w*|troubleshoot\w*|diagnos\w*|underperform\w*|(?:isn't|is not|not) performing|perform\w* (?:poorly|badly))\b/i;
const DIAGNOSIS =
  /\b(?:look(?:s|ed|ing)? (?:at|into)|check\w*|inspect\w*|analy[sz]\w*|investigat\w*|diagnos\w*|plot\w*|visuali[sz]\w*|error analysis|errors?|confusion matri\w+|residuals?|learning curves?|baselines?|leak\w*|distributions?|drift\w*|data quality|labels?|compar\w*|slices?|segments?|sanity|reproduc\w*|overfit\w*|underfit\w*|bias|variance|root cause|why it)\b/i;

const ACCURACY_ADVICE =
  'Method: measure with metrics that show the class that matters (precision and recall, PR-AUC, the cost of each error) and tie them to the business goal, not accuracy alone.';

/*
 * A method whose evaluation says nothing (a leak, accuracy alone on imbalanced classes, tuning with no diagnosis) is
 * not a sound answer however well it is worded: the labelled answers of these kinds are graded 1.5–2.5.
 */
const FLAWED_OVERALL = 2.5;
const FLAW_REASON = 'the method rests on a practice that makes its result untrustworthy';

function tuningOnly(features: ResponseFeatures, question: string): ResponseSentence | undefined {
  if (!DEBUG_QUESTION.test(question)) return undefined;
  const steps = features.sentences.filter((sentence) => sentence.steps > 0);
  if (steps.length === 0 || features.sentences.some((sentence) => DIAGNOSIS.test(sentence.star.sentence.text))) return undefined;
  return steps[0];
}

function accuracyAlone(features: ResponseFeatures, question: string): ResponseSentence | undefined {
  if (!EVALUATION_QUESTION.test(question)) return undefined;
  const text = features.sentences.map((sentence) => sentence.star.sentence.text).join(' ');
  if (OTHER_METRIC.test(text)) return undefined;
  return features.sentences.find((sentence) => ACCURACY.test(sentence.star.sentence.text));
}

function leakyResampling(features: ResponseFeatures): ResponseSentence | undefined {
  return (
    features.sentences.find((sentence) => {
      const { text } = sentence.star.sentence;
      return RESAMPLING.test(text) && LEAKS.test(text) && !NOT_OWN_PRACTICE.test(text) && sentence.star.mode !== 'hypothetical';
    }) ?? resamplesBeforeSplit(features)
  );
}

function method(features: ResponseFeatures): DimensionDraft & { steps: number } {
  const stepSentences = features.sentences.filter((sentence) => sentence.steps > 0 && sentence.substance >= 2);
  const steps = stepSentences.reduce((sum, sentence) => sum + sentence.steps, 0);
  const specific = stepSentences.filter((sentence) => sentence.names.length > 0 || sentence.substance >= 4).length;
  const ordered = features.cue('sequence') >= 2 || features.sentences.filter((sentence) => sentence.listItem).length >= 3;
  const checked = stepSentences.some((sentence) => (sentence.cues.get('verify') ?? 0) > 0);
  const evidence = evidenceOf(stepSentences);
  const first = stepSentences[0];
  if (!first) {
    const said = features.sentences.reduce((sum, sentence) => sum + sentence.substance, 0);
    return {
      steps,
      score: said >= 6 ? 2 : 1,
      rationale: said >= 6 ? 'The answer talks about the topic but never says what you do.' : 'No method: nothing says what you actually do.',
      evidence,
    };
  }
  let score = steps === 1 ? 2 : steps === 2 ? 3 : specific >= 2 ? 4 : 3;
  if (score === 4 && steps >= 4 && specific >= 3 && ordered && checked) score = 5;
  // A compact method names its techniques rather than narrating "I do X, then I do Y".
  const compact = score < 4 && features.concrete.length >= 3 && features.density >= 0.36;
  if (compact) score = 4;
  // Steps that name nothing specific ("I work hard and make sure everything gets done") are no method.
  if (features.concrete.length === 0) score = Math.min(score, 2);
  else if (features.concrete.length === 1) score = Math.min(score, 3);
  const rationale =
    compact
      ? `A compact method that names its techniques (${features.concrete.slice(0, 3).map((item) => `"${item}"`).join(', ')}).`
      : score >= 5
      ? `A complete, ordered method (${plural(steps, 'step')}), specific at each step and checked: ${quote(first)}.`
      : score === 4
        ? `${plural(steps, 'concrete step')}, e.g. ${quote(first)}${ordered ? '' : '; the order is not made clear'}${checked ? '' : '; nothing says how you check it worked'}.`
        : score === 3
          ? `Some steps (${steps}), ${specific >= 2 ? 'but few of them' : 'but generic'}: ${quote(first)}.`
          : `Only one step is described: ${quote(first)}.`;
  return { steps, score, rationale, evidence };
}

function reasoning(features: ResponseFeatures): DimensionDraft & { reason?: ResponseSentence; conditioned: boolean } {
  const reasons = features.sentences.reduce((sum, sentence) => sum + reasonsIn(sentence), 0);
  const conditions = features.sentences.reduce((sum, sentence) => sum + conditionsIn(sentence), 0);
  const evidence = evidenceOf(features.sentences.filter((sentence) => reasonsIn(sentence) + conditionsIn(sentence) > 0));
  const reasoned =
    reasons + conditions === 0 ? 1 : reasons + conditions === 1 ? 2 : reasons >= 3 && conditions >= 2 ? 5 : reasons >= 2 && conditions >= 1 ? 4 : 3;
  // One fix for every case ("I always drop the rows", "my go-to is SMOTE, always") shows no judgement.
  const sweeping = features.cue('absolute');
  const score = sweeping >= 2 && conditions === 0 ? Math.min(reasoned, 2) : reasoned;
  const rationale =
    score < reasoned
      ? `One way for every case (${sweeping} sweeping claims) and no condition under which you would do otherwise.`
      : score === 1
      ? 'No reasons: the answer never says why you do it this way.'
      : score >= 4
        ? `Reasons for the steps (${reasons}) and when you would choose differently (${conditions}).`
        : conditions === 0
          ? `Some reasons (${reasons}), but not when you would do it differently.`
          : `Few reasons (${reasons}) for the steps.`;
  const reason = features.sentences.find((sentence) => reasonsIn(sentence) > 0);
  return { score, rationale, evidence, conditioned: conditions > 0, ...(reason ? { reason } : {}) };
}

function example(features: ResponseFeatures): DimensionDraft & { outcome: boolean } {
  const start = features.sentences.findIndex(realCase);
  const cited = features.sentences.some((sentence) => sentence.star.sentence.cues.has('example'));
  if (start === -1) {
    return {
      outcome: false,
      score: cited ? 2 : 1,
      rationale: cited
        ? 'An illustration, but no real case where you applied the method.'
        : 'No example: nothing shows the method used in a real case.',
      evidence: [],
    };
  }
  const story = features.sentences.slice(start);
  const outcomes = story.filter(
    (sentence) =>
      sentence.star.part === 'result' ||
      sentence.star.impact ||
      sentence.star.sentence.cues.has('result') ||
      (sentence.cues.get('progress') ?? 0) > 0,
  );
  const measured = outcomes.find((sentence) => sentence.measured.length > 0);
  const [first] = story;
  const score = measured ? 5 : outcomes.length > 0 ? 4 : 3;
  const rationale = measured
    ? `A real case with a measured outcome: ${quote(measured)}.`
    : outcomes[0]
      ? `A real case and how it turned out: ${quote(outcomes[0])}${score < 5 ? ', without a measure' : ''}.`
      : `A real case (${first ? quote(first) : ''}) but not how it turned out.`;
  return { outcome: outcomes.length > 0, score, rationale, evidence: evidenceOf([...story.filter(realCase), ...outcomes]) };
}

export const gradeApproach: TypeGrader = (context) => {
  const features = readResponse(context.answer, context.profile, context.question, 0.35);
  const concision = answerConcision(context, WORD_BANDS.approach);
  const leak = leakyResampling(features);
  const guessing = leak ? undefined : tuningOnly(features, context.question);
  const accuracyOnly = accuracyAlone(features, context.question);
  const flawed = leak ?? guessing ?? accuracyOnly;
  const ruled = method(features);
  const methodDraft: DimensionDraft & { steps: number } =
    flawed === undefined || ruled.score <= 2
      ? ruled
      : {
          ...ruled,
          score: 2,
          rationale: leak
            ? `The evaluation cannot be trusted: ${quote(flawed)} resamples before the split or balances the test set, so the test no longer sees the real class mix.`
            : guessing
            ? `Every step changes the model (${quote(flawed)}); none finds out why it underperforms.`
            : `Accuracy alone judges the model: ${quote(flawed)}; with imbalanced classes it hides how the model does on the class that matters.`,
        };
  const reasoningDraft = reasoning(features);
  const exampleDraft = example(features);
  const drafts: Record<string, DimensionDraft> = {
    method: methodDraft,
    reasoning: reasoningDraft,
    example: exampleDraft,
    relevance: relevanceDraft(features),
    concision: concision.draft,
  };
  const advice: Advice[] = [];
  if (flawed !== undefined && methodDraft.score === 2 && ruled.score > 2) {
    advice.push({
      key: 'method',
      text: leak
        ? 'Method: split first, and resample only the training data (inside cross-validation); keep the test set at the real class mix.'
        : guessing
        ? 'Method: diagnose before you change the model: compare training and validation error, look at the errors by slice, check the data and labels for leakage or drift; tune only once you know the cause.'
        : ACCURACY_ADVICE,
    });
    // Two unsound practices are two things to fix: a leak judged by accuracy alone is told of both.
    if (leak && accuracyOnly) advice.push({ key: 'method', text: ACCURACY_ADVICE });
  } else if (methodDraft.score <= 2) {
    advice.push({ key: 'method', text: 'Method: walk through the concrete steps you take, in order ("First I…, then I…"), naming the techniques or tools.' });
  } else if (methodDraft.score <= 4) {
    advice.push({ key: 'method', text: 'Method: make each step specific (the technique or tool you use) and say how you check that it worked.' });
  }
  // The reasoning advice asks for the half the answer lacks, quoting the reason it gives: "say why each step is there" to
  // an answer that says why was on the cards of excellent answers. A condition is not quoted: its cues ("but", "if")
  // also fire on lists and on results, which the card would misname as "when you would change course".
  if (reasoningDraft.score <= 3) {
    const { reason, conditioned } = reasoningDraft;
    advice.push({
      key: 'reasoning',
      text:
        reason && !conditioned
          ? `Reasons: you say why (${quote(reason)}); add when you would do it differently — the data or constraint that would change a step.`
          : conditioned && !reason
            ? 'Reasons: add why each step is there ("…because…", "…so that…").'
            : reason
              ? `Reasons: give the other steps their reason too, as ${quote(reason)} does.`
              : 'Reasons: say why each step is there ("…because…", "…so that…") and when you would do it differently.',
    });
  }
  if (exampleDraft.score <= 2) {
    advice.push({ key: 'example', text: 'Example: add one real case where you used this approach ("On my last project, I…") and how it turned out.' });
  } else if (!exampleDraft.outcome) {
    advice.push({ key: 'example', text: 'Example: finish your case with its outcome, measured if you can.' });
  } else if (exampleDraft.score === 4) {
    advice.push({ key: 'example', text: 'Example: put a number on the outcome of your case (time saved, error rate, adoption).' });
  }
  const strengths: string[] = [];
  if (methodDraft.score >= 4) strengths.push(`A concrete method: ${plural(methodDraft.steps, 'step')}.`);
  if (reasoningDraft.score >= 4) strengths.push('Explains why, and when you would do it differently.');
  if (exampleDraft.score >= 4) strengths.push('Backs the method with a real case and its outcome.');
  const missing = [
    ...(methodDraft.score <= 2 ? ['The steps you take'] : []),
    ...(reasoningDraft.score <= 1 ? ['Why you take them'] : []),
    ...(exampleDraft.score <= 1 ? ['A real example of the method in practice'] : []),
  ];
  const feedback = finishFeedback(context.rubric, drafts, [...advice, ...relevanceAdvice(features), ...concision.advice, ...context.extraAdvice], strengths, missing, features.relevance.offTopic);
  return flawed === undefined ? feedback : { ...feedback, flaw: { overall: FLAWED_OVERALL, because: FLAW_REASON } };
};
