import type { GradeResult } from '../../contracts/feedback-schema.js';
import type { GradeInput, Grader } from '../grader.js';
import type { Rubric, RubricId } from '../../contracts/rubric-schema.js';
import { foldNotation } from '../../text/sanitize.js';
import { getRubric, overallScore } from '../rubrics.js';
import { readAnswer } from './answer-text.js';
import { referenceProfile, type ReferenceProfile } from './reference-profile.js';
import { gradeApproach } from './approach-grader.js';
import { calibrateDimensions, measureBehavioural, SHIPPED_BEHAVIOURAL_MODEL, type BehaviouralFeatures, type BehaviouralModel } from './behavioural-model.js';
import { nextLevelAdvice, type TypeGrader } from './behavioural-grading.js';
import { gradeCompensation } from './compensation-grader.js';
import { gradeExplanation } from './explanation-grader.js';
import { gradeLogistics } from './logistics-grader.js';
import { gradeMotivation } from './motivation-grader.js';
import { gradeOpinion } from './opinion-grader.js';
import { gradeQuestionsForUs } from './questions-for-us-grader.js';
import { flawCapped, plural, prioritise, scoreMap, toDimensions, type Advice, type RubricFeedback } from './scoring.js';
import { gradeSelfPresentation } from './self-presentation-grader.js';
import { gradeStar } from './star-grader.js';
import { gradeTechnical, measureTechnical, type TechnicalMeasurement } from './technical-grader.js';
import { SHIPPED_TECHNICAL_MODEL, type TechnicalModel } from './technical-model.js';
import { SHIPPED_NO_REFERENCE_MODEL, type NoReferenceFeatures, type NoReferenceModel } from './no-reference.js';
import { gradeWithoutReference, measureWithoutReference } from './no-reference-grader.js';
import { MISCONCEPTIONS_VERSION, OFFLINE_GRADER_IDENTITY, OFFLINE_GRADER_VERSION } from './version.js';

export { OFFLINE_GRADER_VERSION } from './version.js';

/** The grader of each non-story behavioural question type; stories are STAR, technical questions technical. */
const TYPE_GRADERS: Record<Exclude<RubricId, 'star' | 'technical'>, TypeGrader> = {
  'self-presentation': gradeSelfPresentation,
  motivation: gradeMotivation,
  opinion: gradeOpinion,
  approach: gradeApproach,
  compensation: gradeCompensation,
  explanation: gradeExplanation,
  'questions-for-us': gradeQuestionsForUs,
  logistics: gradeLogistics,
};

function noAnswer(rubric: Rubric, profile: ReferenceProfile, advice: readonly Advice[]): RubricFeedback {
  const drafts = Object.fromEntries(rubric.dimensions.map((dimension) => [dimension.key, { score: 1, rationale: 'No answer to assess.' }]));
  return {
    dimensions: toDimensions(rubric, drafts),
    strengths: [],
    improvements: ['Next step: answer the question; even a short, structured attempt can be scored.', ...advice.map((item) => item.text)],
    missingPoints: rubric.id === 'technical' ? profile.keyPoints.map((point) => point.label) : [],
  };
}

/** The fitted weights the offline grader uses: the shipped ones unless an evaluation refits them on other questions (src/eval). */
export interface OfflineModels {
  readonly technical: TechnicalModel;
  readonly behavioural: BehaviouralModel;
  /** For a technical question with no reference at all (no-reference.ts). */
  readonly noReference: NoReferenceModel;
}

export const SHIPPED_MODELS: OfflineModels = {
  technical: SHIPPED_TECHNICAL_MODEL,
  behavioural: SHIPPED_BEHAVIOURAL_MODEL,
  noReference: SHIPPED_NO_REFERENCE_MODEL,
};

/** A technical question with no reference material of any kind: graded by the reading without one. */
const withoutReference = (rubric: Rubric, profile: ReferenceProfile): boolean => rubric.id === 'technical' && profile.terms.size === 0;

interface RuleGrade {
  readonly rubric: Rubric;
  readonly feedback: RubricFeedback;
  /** What the behavioural model reads, for a behavioural answer; null for a technical or empty one. */
  readonly behavioural: BehaviouralFeatures | null;
  /** A technical answer graded without any reference (the no-reference weights apply). */
  readonly referenceless: boolean;
}

/**
 * The input as this grader reads it: superscripts and subscripts folded ("R²" → "R2"), as the corpus's model answers
 * are, so an answer's "R²" meets the reference's. Stored answers keep them as typed (see sanitize.ts). The reference
 * is folded once, when its profile is built (reference-profile.ts), and is read only through the profile.
 */
function plainInput(input: GradeInput): GradeInput {
  return { ...input, question: { ...input.question, text: foldNotation(input.question.text) }, answer: foldNotation(input.answer) };
}

function gradeByRules(typed: GradeInput, models: OfflineModels): RuleGrade {
  const input = plainInput(typed);
  const rubric = getRubric(input.rubric);
  const answer = readAnswer(input.answer);
  const profile = referenceProfile(typed.question.text, typed.reference);
  const ignoredAdvice: Advice[] =
    answer.ignored.length > 0
      ? [{ key: 'none', text: `${plural(answer.ignored.length, 'sentence')} addressed to the grader rather than the interviewer ${answer.ignored.length === 1 ? 'was' : 'were'} ignored; only the answer itself is scored.` }]
      : [];
  const referenceless = withoutReference(rubric, profile);
  if (answer.sentences.length === 0) return { rubric, feedback: noAnswer(rubric, profile, ignoredAdvice), behavioural: null, referenceless };
  if (referenceless) {
    return { rubric, feedback: gradeWithoutReference(rubric, answer, profile, input.question.text, ignoredAdvice, models.noReference), behavioural: null, referenceless };
  }
  if (rubric.id === 'technical') return { rubric, feedback: gradeTechnical(rubric, answer, profile, ignoredAdvice, models.technical, input.question.text, input.reference.answers), behavioural: null, referenceless };
  const feedback =
    rubric.id === 'star'
      ? gradeStar(rubric, answer, profile, input.question.text, ignoredAdvice)
      : TYPE_GRADERS[rubric.id]({ rubric, answer, profile, question: input.question.text, extraAdvice: ignoredAdvice });
  const rules = overallScore(rubric, scoreMap(feedback.dimensions));
  return { rubric, feedback, behavioural: measureBehavioural(answer, profile, input.question.text, rules), referenceless };
}

/** Advice that calls the answer strong. */
const STRONG_ANSWER = /^Strong answer:/;
/** A dimension at this or above, once calibrated, is good: no advice asks for it, and below it no answer is strong. */
const STRONG_DIMENSION = 4;

/**
 * The rules' advice once the calibration has moved the scores. The rules advised from their own drafts, and a card
 * would contradict itself: "Strong answer" with a dimension the calibration lowered below good, or "Example: ground
 * the view in one concrete case" on an example it raised to 5. What stands keeps the rules' order.
 */
function calibratedAdvice(rubric: Rubric, feedback: RubricFeedback, dimensions: GradeResult['dimensions']): string[] {
  if (feedback.advice === undefined) return [...feedback.improvements];
  const drafted = scoreMap(feedback.dimensions);
  const scores = scoreMap(dimensions);
  const raisedToGood = (key: string) => (scores.get(key) ?? 0) >= STRONG_DIMENSION && (scores.get(key) ?? 0) > (drafted.get(key) ?? 0);
  const short = dimensions.some((dimension) => dimension.score < STRONG_DIMENSION);
  const advice = feedback.advice.filter((item) => !raisedToGood(item.key) && !(short && STRONG_ANSWER.test(item.text)));
  if (advice.length === feedback.advice.length && feedback.advice.length > 0) return [...feedback.improvements];
  return advice.length > 0 ? prioritise(rubric, drafted, advice) : prioritise(rubric, scores, [nextLevelAdvice(rubric, scores)]);
}

export function gradeOffline(input: GradeInput, models: OfflineModels = SHIPPED_MODELS): GradeResult {
  const { rubric, feedback, behavioural, referenceless } = gradeByRules(input, models);
  const { flaw } = feedback;
  const calibrated = behavioural
    ? calibrateDimensions(rubric, feedback.dimensions, models.behavioural, behavioural, { raise: flaw === undefined })
    : feedback.dimensions;
  const dimensions = flaw ? flawCapped(rubric, calibrated, flaw) : calibrated;
  const { advice: _keyed, flaw: _flaw, ...shown } = feedback;
  return {
    rubric: rubric.id,
    overall: overallScore(rubric, scoreMap(dimensions)),
    ...shown,
    improvements: calibratedAdvice(rubric, feedback, dimensions),
    dimensions,
    grader: {
      kind: 'offline',
      rubricVersion: rubric.version,
      promptVersion: `offline-${OFFLINE_GRADER_VERSION}`,
      weightsVersion:
        rubric.id !== 'technical' ? models.behavioural.version : referenceless ? models.noReference.version : models.technical.version,
    },
  };
}

/** The behavioural model's inputs for one answer, as `gradeOffline` computes them (for fitting); null for a technical or empty answer. */
export function measureBehaviouralOffline(input: GradeInput): BehaviouralFeatures | null {
  return gradeByRules(input, SHIPPED_MODELS).behavioural;
}

/** The technical model's inputs for one answer, as `gradeOffline` computes them (for fitting). */
export function measureOffline(input: GradeInput): TechnicalMeasurement {
  return measureTechnical(readAnswer(plainInput(input).answer), referenceProfile(input.question.text, input.reference));
}

/** The no-reference model's inputs for one answer, when `gradeOffline` would grade it without a reference (for fitting); else null. */
export function measureWithoutReferenceOffline(input: GradeInput): NoReferenceFeatures | null {
  const plain = plainInput(input);
  const rubric = getRubric(plain.rubric);
  const answer = readAnswer(plain.answer);
  const profile = referenceProfile(plain.question.text, plain.reference);
  if (!withoutReference(rubric, profile) || answer.sentences.length === 0) return null;
  return measureWithoutReference(answer, profile, plain.question.text).features;
}

/** The default grader: deterministic text analysis, no network. */
export function createOfflineGrader(models: OfflineModels = SHIPPED_MODELS): Grader {
  const identity =
    models === SHIPPED_MODELS
      ? OFFLINE_GRADER_IDENTITY
      : `offline-${OFFLINE_GRADER_VERSION}+weights-${models.technical.version}+${models.behavioural.version}+${models.noReference.version}+${MISCONCEPTIONS_VERSION}`;
  return {
    kind: 'offline',
    identity: () => identity,
    // Synchronous work behind the async interface: a 300-word answer takes about a millisecond, less
    // than handing it to a worker would.
    grade: (input) => Promise.resolve().then(() => gradeOffline(input, models)),
  };
}
