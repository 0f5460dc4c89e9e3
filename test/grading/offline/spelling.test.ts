import { describe, expect, it } from 'vitest';
import { readAnswer } from '../../../src/grading/offline/answer-text.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { referenceProfile } from '../../../src/grading/offline/reference-profile.js';
import { spellAsReference } from '../../../src/grading/offline/spelling.js';
import { technicalQuestionInput as input } from './fixtures.js';

/*
 * A misspelt key term is read as the reference's, found grading answers as a candidate would: typos in a correct
 * k-means answer cost it half a point. Questions and answers are written for these tests.
 */

const grader = createOfflineGrader();

const KMEANS_QUESTION = 'How does k-means clustering work?';
const KMEANS_REFERENCE =
  'K-means assigns every point to its nearest centroid, then moves each centroid to the mean of the points assigned to it, and repeats until nothing changes.';

/** The answer's terms after reading its typos against the reference. */
function termsRead(question: string, reference: string, answer: string): string[] {
  const profile = referenceProfile(question, { answers: [reference], notes: [], fromRelated: false });
  return spellAsReference(readAnswer(answer).sentences, profile).flatMap((sentence) => sentence.tokens.map((token) => token.term).filter((term) => term !== ''));
}

describe('misspelt terms', () => {
  it('covers a key point whose terms the answer misspells ("centriod", "asigns")', async () => {
    const typos = await grader.grade(
      input(KMEANS_QUESTION, KMEANS_REFERENCE, 'It asigns each point to the closest centriod, moves every centriod to the mean of its points, and repeats until nothing changes.'),
    );
    expect(typos.coverage?.[0]?.status).toBe('covered');
    const spelt = await grader.grade(
      input(KMEANS_QUESTION, KMEANS_REFERENCE, 'It assigns each point to the closest centroid, moves every centroid to the mean of its points, and repeats until nothing changes.'),
    );
    expect(typos.overall).toBeGreaterThanOrEqual(spelt.overall - 0.5);
  });

  it('reads a typo in the middle of a word as the reference term, and no other word', () => {
    const reference = 'Bootstrap sampling draws each sample with replacement, and the remainder of the data is used for validation of the parameters.';
    const terms = termsRead('What is bootstrap sampling?', reference, 'Each sampel is drawn with replacment; the paramaters are validated on the rest. A simple model helps. The remaining data validates.');
    // Swapped neighbours, a dropped letter and a substituted one are typos of the reference's terms.
    expect(terms).toEqual(expect.arrayContaining(['sampl', 'replac', 'paramet']));
    // A word the corpus uses is never a typo ("simple" is not "sample"); an edit at a word's end is another word.
    expect(terms).toContain('simpl');
    expect(terms).toContain('remain');
    expect(terms).not.toContain('sampel');
  });
});
