import type { GradeResult } from '../feedback-schema.js';
import type { GradeInput, Grader } from '../grader.js';
import type { Rubric } from '../rubric-schema.js';
import { getRubric, overallScore } from '../rubrics.js';
import { readAnswer } from './answer-text.js';
import { referenceProfile, type ReferenceProfile } from './reference-profile.js';
import { plural, scoreMap, toDimensions, type Advice, type RubricFeedback } from './scoring.js';
import { gradeStar } from './star-grader.js';
import { gradeTechnical } from './technical-grader.js';

/**
 * Version of the offline scoring logic (cue lists, thresholds). Recorded with every feedback as
 * `offline-<version>`; bump it whenever a change could move a score, so old scores stay interpretable.
 */
export const OFFLINE_GRADER_VERSION = '2026.11.2';

function noAnswer(rubric: Rubric, profile: ReferenceProfile, advice: readonly Advice[]): RubricFeedback {
  const drafts = Object.fromEntries(rubric.dimensions.map((dimension) => [dimension.key, { score: 1, rationale: 'No answer to assess.' }]));
  return {
    dimensions: toDimensions(rubric, drafts),
    strengths: [],
    improvements: ['Next step: answer the question; even a short, structured attempt can be scored.', ...advice.map((item) => item.text)],
    missingPoints: rubric.id === 'technical' ? profile.keyPoints.map((point) => point.label) : [],
  };
}

export function gradeOffline(input: GradeInput): GradeResult {
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
        ? gradeStar(rubric, answer, profile, ignoredAdvice)
        : gradeTechnical(rubric, answer, profile, ignoredAdvice);
  return {
    rubric: rubric.id,
    overall: overallScore(rubric, scoreMap(feedback.dimensions)),
    ...feedback,
    grader: { kind: 'offline', rubricVersion: rubric.version, promptVersion: `offline-${OFFLINE_GRADER_VERSION}` },
  };
}

/** The default grader: deterministic text analysis, no network. */
export function createOfflineGrader(): Grader {
  return {
    kind: 'offline',
    // Synchronous work behind the async interface: a 300-word answer takes about a millisecond, less
    // than handing it to a worker would.
    grade: (input) => Promise.resolve().then(() => gradeOffline(input)),
  };
}
