import type { GradeResult } from '../feedback-schema.js';
import type { GradeInput, Grader } from '../grader.js';
import type { Rubric, RubricId } from '../rubric-schema.js';
import { getRubric, overallScore } from '../rubrics.js';
import { readAnswer } from './answer-text.js';
import { referenceProfile, type ReferenceProfile } from './reference-profile.js';
import { gradeApproach } from './approach-grader.js';
import type { TypeGrader } from './behavioural-grading.js';
import { gradeCompensation } from './compensation-grader.js';
import { gradeExplanation } from './explanation-grader.js';
import { gradeMotivation } from './motivation-grader.js';
import { gradeOpinion } from './opinion-grader.js';
import { plural, scoreMap, toDimensions, type Advice, type RubricFeedback } from './scoring.js';
import { gradeSelfPresentation } from './self-presentation-grader.js';
import { gradeStar } from './star-grader.js';
import { gradeTechnical, measureTechnical, type TechnicalMeasurement } from './technical-grader.js';
import { SHIPPED_TECHNICAL_MODEL, type TechnicalModel } from './technical-model.js';
import { OFFLINE_GRADER_IDENTITY, OFFLINE_GRADER_VERSION } from './version.js';

export { OFFLINE_GRADER_VERSION } from './version.js';

/** The grader of each non-story behavioural question type; stories are STAR, technical questions technical. */
const TYPE_GRADERS: Record<Exclude<RubricId, 'star' | 'technical'>, TypeGrader> = {
  'self-presentation': gradeSelfPresentation,
  motivation: gradeMotivation,
  opinion: gradeOpinion,
  approach: gradeApproach,
  compensation: gradeCompensation,
  explanation: gradeExplanation,
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

/**
 * @param model the fitted technical weights; the shipped ones unless an evaluation refits them on other
 * questions (src/eval).
 */
export function gradeOffline(input: GradeInput, model: TechnicalModel = SHIPPED_TECHNICAL_MODEL): GradeResult {
  const rubric = getRubric(input.rubric);
  const answer = readAnswer(input.answer);
  const profile = referenceProfile(input.question.text, input.reference);
  const ignoredAdvice: Advice[] =
    answer.ignored.length > 0
      ? [{ key: 'none', text: `${plural(answer.ignored.length, 'sentence')} addressed to the grader rather than the interviewer ${answer.ignored.length === 1 ? 'was' : 'were'} ignored; only the answer itself is scored.` }]
      : [];
  const feedback =
    answer.sentences.length === 0
      ? noAnswer(rubric, profile, ignoredAdvice)
      : rubric.id === 'star'
        ? gradeStar(rubric, answer, profile, input.question.text, ignoredAdvice)
        : rubric.id === 'technical'
          ? gradeTechnical(rubric, answer, profile, ignoredAdvice, model)
          : TYPE_GRADERS[rubric.id]({ rubric, answer, profile, question: input.question.text, extraAdvice: ignoredAdvice });
  return {
    rubric: rubric.id,
    overall: overallScore(rubric, scoreMap(feedback.dimensions)),
    ...feedback,
    grader: { kind: 'offline', rubricVersion: rubric.version, promptVersion: `offline-${OFFLINE_GRADER_VERSION}`, weightsVersion: model.version },
  };
}

/** The technical model's inputs for one answer, as `gradeOffline` computes them (for fitting). */
export function measureOffline(input: GradeInput): TechnicalMeasurement {
  return measureTechnical(readAnswer(input.answer), referenceProfile(input.question.text, input.reference));
}

/** The default grader: deterministic text analysis, no network. */
export function createOfflineGrader(model: TechnicalModel = SHIPPED_TECHNICAL_MODEL): Grader {
  const identity = model === SHIPPED_TECHNICAL_MODEL ? OFFLINE_GRADER_IDENTITY : `offline-${OFFLINE_GRADER_VERSION}+weights-${model.version}`;
  return {
    kind: 'offline',
    identity: () => identity,
    // Synchronous work behind the async interface: a 300-word answer takes about a millisecond, less
    // than handing it to a worker would.
    grade: (input) => Promise.resolve().then(() => gradeOffline(input, model)),
  };
}
