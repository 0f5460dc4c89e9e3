import { afterAll, describe, expect, it } from 'vitest';
import { createEvalContext } from '../../../src/eval/harness.js';
import { readAnswer } from '../../../src/grading/offline/answer-text.js';
import { readListItems } from '../../../src/grading/offline/list-items.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import type { GradeResult } from '../../../src/contracts/feedback-schema.js';
import { TECHNICAL_FIXTURES, technicalInput, technicalQuestionInput as input, dimensionOf as dimension } from './fixtures.js';

/*
 * A markdown list is how most candidates lay out an answer in a chat box. Until 2026.11.17 every list was
 * graded as a keyword list whatever its items said: a numbered list of linear regression's assumptions
 * scored 1.6 ("a list shows recall, not understanding"), the same items in one sentence 4.2. A list of bare
 * terms must still score as one.
 */

const grader = createOfflineGrader();
const context = createEvalContext();
const service = context.service(grader);
afterAll(() => context.close());

const ASSUMPTIONS_QUESTION = 'What are the assumptions of linear regression?';
const ASSUMPTIONS_REFERENCE =
  'Linear regression assumes several things about data. Linearity means the relationship between features and target is linear. ' +
  'Independence means observations don’t affect each other. Homoscedasticity means error variance is constant across all feature values. ' +
  'Normality means errors are normally distributed. No multicollinearity means features aren’t highly correlated with each other. ' +
  'Violations of these assumptions can degrade performance or make interpretations incorrect. Checking assumptions helps you understand ' +
  'when linear regression is appropriate and when to try other approaches.';
const NUMBERED_ASSUMPTIONS =
  '1. Linearity between features and target\n2. Independent errors\n3. Homoscedasticity (constant error variance)\n4. Normally distributed residuals\n5. No strong multicollinearity';

const OVERFITTING_QUESTION = 'Explain overfitting. How do you detect and prevent it?';
const OVERFITTING_BULLETS =
  '- **What:** model fits noise in the training data, great train score, poor on unseen data\n' +
  '- **Detect:** compare train vs validation loss; a growing gap or validation loss going up while train loss keeps falling; high variance across CV folds\n' +
  '- **Prevent:**\n  - more data / augmentation\n  - L1/L2 regularization, dropout\n  - simpler model (lower max_depth, fewer features)\n  - early stopping on validation loss\n  - ensembles like bagging';
const OVERFITTING_PROSE =
  'Overfitting is when a model fits the noise in the training data, so it scores great on training data but poorly on unseen data. ' +
  'You detect it by comparing training and validation loss: a growing gap, or validation loss rising while training loss keeps falling, or high variance across cross-validation folds. ' +
  'To prevent it, get more data or augment it, add L1 or L2 regularization or dropout, use a simpler model with a lower max_depth or fewer features, stop early on validation loss, or use ensembles like bagging.';

/** The corpus question with this text, graded as POST /api/feedback would grade it. */
async function gradeCorpus(text: string, answer: string): Promise<GradeResult> {
  const question = context.corpus.all().find((candidate) => candidate.text === text);
  if (!question) throw new Error(`no corpus question ${text}`);
  const { result } = await service.evaluate({ userId: 'u_eval' }, { questionId: question.id, answer });
  return result;
}

const advice = (result: GradeResult): string => result.improvements.join(' ');

describe('a structured markdown list', () => {
  it('credits a numbered list of the assumptions a "What are the assumptions…" question asks for', async () => {
    const result = await grader.grade(input(ASSUMPTIONS_QUESTION, ASSUMPTIONS_REFERENCE, NUMBERED_ASSUMPTIONS));
    expect(result.overall).toBeGreaterThanOrEqual(3.5);
    expect(dimension(result, 'correctness').score).toBeGreaterThanOrEqual(4);
    expect(dimension(result, 'clarity').rationale).not.toMatch(/list of keywords/);
    expect(advice(result)).not.toMatch(/recall, not understanding/);
    const homoscedasticity = result.coverage?.find((entry) => entry.point.startsWith('Homoscedasticity'));
    expect(homoscedasticity?.status).toBe('covered');
    expect(homoscedasticity?.quote).toBe('3. Homoscedasticity (constant error variance)');
  });

  it('gives the numbered list less depth than the same assumptions explained in sentences', async () => {
    const list = await grader.grade(input(ASSUMPTIONS_QUESTION, ASSUMPTIONS_REFERENCE, NUMBERED_ASSUMPTIONS));
    const explained = await grader.grade(
      input(
        ASSUMPTIONS_QUESTION,
        ASSUMPTIONS_REFERENCE,
        '- Linearity: the target is a linear function of the features.\n- Independence: errors are independent of each other.\n- Homoscedasticity: the error variance is constant.\n- Normality: residuals are normally distributed.\n- No multicollinearity: features are not strongly correlated.',
      ),
    );
    expect(dimension(list, 'depth').score).toBeLessThanOrEqual(3);
    expect(dimension(list, 'depth').rationale).toMatch(/without saying why or how/);
    expect(dimension(explained, 'depth').score).toBeGreaterThan(dimension(list, 'depth').score);
  });

  it('credits a What / Detect / Prevent answer in bullets close to the same words in prose', async () => {
    const bullets = await gradeCorpus(OVERFITTING_QUESTION, OVERFITTING_BULLETS);
    const prose = await gradeCorpus(OVERFITTING_QUESTION, OVERFITTING_PROSE);
    expect(bullets.overall).toBeGreaterThanOrEqual(3.5);
    expect(bullets.overall).toBeGreaterThanOrEqual(prose.overall - 0.5);
    expect(advice(bullets)).not.toMatch(/recall, not understanding/);
    const covered = (bullets.coverage ?? []).filter((entry) => entry.status === 'covered').map((entry) => entry.quote);
    expect(covered).toContain('- early stopping on validation loss');
  });

  it('credits a labelled numbered list of ensemble types, taking neither its numbers nor its "**Label:**" for an example', async () => {
    const result = await grader.grade(
      input(
        'What are the main types of ensemble methods?',
        'The three main ensemble approaches are bagging, boosting, and stacking. Bagging trains multiple models independently on different subsets of data then averages predictions, reducing variance. Boosting trains models sequentially where each model tries to correct errors made by previous ones, reducing bias. Stacking trains diverse models then uses another model to learn how best to combine their predictions. Each approach has different strengths and is suited to different problems.',
        '1. **Bagging:** independent models on bootstrap samples, averaged, so less variance\n2. **Boosting:** models trained one after another, each fixing the previous one\'s errors, so less bias\n3. **Stacking:** a meta-model learns how to combine diverse base models',
      ),
    );
    expect(result.overall).toBeGreaterThanOrEqual(4);
    expect(result.strengths.join(' ')).not.toMatch(/with an example/);
  });
});

describe('a keyword dump laid out as a list', () => {
  it('scores the reference keywords as bullets or a numbered list at most 2', async () => {
    for (const fixture of TECHNICAL_FIXTURES) {
      const terms = fixture.keywords.split(', ');
      for (const answer of [terms.map((term) => `- ${term}`).join('\n'), terms.map((term, index) => `${index + 1}. ${term}`).join('\n')]) {
        const result = await grader.grade(technicalInput(fixture, answer));
        expect(result.overall, `${fixture.name}: ${answer}`).toBeLessThanOrEqual(2);
        expect(dimension(result, 'clarity').rationale).toMatch(/list of keywords/);
      }
    }
  });

  it('scores labels that each head one bare term ("**Detect:** validation") at most 2', async () => {
    const result = await gradeCorpus(OVERFITTING_QUESTION, '- **What:** overfitting\n- **Detect:** validation\n- **Prevent:** regularization');
    expect(result.overall).toBeLessThanOrEqual(2);
    expect(advice(result)).toMatch(/recall, not understanding/);
  });

  it('scores bullets of the reference words with two filler sentences among them at most 2', async () => {
    const result = await gradeCorpus(
      OVERFITTING_QUESTION,
      '- Overfitting is an important concept in machine learning.\n- noise\n- learning curves\n- L1\n- L2\n- dropout\n- cross-validation\n- This is how models learn patterns from data.',
    );
    expect(result.overall).toBeLessThanOrEqual(2);
  });

  // To a question that asks for the assumptions, the row names some of them and is credited (enumeration.test.ts).
  it('keeps a row of terms among stated items a term list: to a question that asks for no list, it covers nothing', async () => {
    const result = await grader.grade(
      input(
        'When is linear regression a valid model for the data?',
        ASSUMPTIONS_REFERENCE,
        '- Linearity between features and target\n- Errors independent of each other\n- homoscedasticity, normality, multicollinearity, variance',
      ),
    );
    const quotes = (result.coverage ?? []).flatMap((entry) => (entry.quote === undefined ? [] : [entry.quote]));
    expect(quotes.filter((quote) => quote.includes('homoscedasticity'))).toEqual([]);
  });
});

describe('readListItems', () => {
  const items = (text: string) => {
    const { sentences } = readAnswer(text);
    const read = readListItems(sentences);
    return {
      stated: sentences.filter((sentence) => read.stated.has(sentence)).map((sentence) => sentence.text),
      bare: sentences.filter((sentence) => read.bare.has(sentence)).map((sentence) => sentence.text),
    };
  };

  it('reads every item of a list whose items mostly state something as a statement, a lead aside', () => {
    expect(items('Linear regression assumes:\n1. a linear relationship between features and target\n2. independent observations\n3. normally distributed errors')).toEqual({
      stated: ['1. a linear relationship between features and target', '2. independent observations', '3. normally distributed errors'],
      bare: [],
    });
  });

  it('reads the items of a list of bare terms as bare, whatever sentence is among them', () => {
    expect(items('- noise\n- Overfitting is an important concept.\n- early stopping\n- train vs validation loss')).toEqual({
      stated: [],
      bare: ['- noise', '- early stopping', '- train vs validation loss'],
    });
  });

  it('leaves prose without list markers to the sentence rules', () => {
    expect(items('Bias, variance, noise.\nRegularization helps.')).toEqual({ stated: [], bare: [] });
  });
});
