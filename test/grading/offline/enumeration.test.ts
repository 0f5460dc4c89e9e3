import { describe, expect, it } from 'vitest';
import { asksForList } from '../../../src/grading/offline/enumeration.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { dimensionOf as dimension, technicalQuestionInput as input } from './fixtures.js';

/*
 * A question that asks for a list, answered with one (round 15's tester: "Integers, floats, booleans and strings…"
 * to the data-types question scored 1.6). The data-types reference is the corpus's (ml-interview-preparation-
 * guide.txt); the dynamic-typing one is written for these tests.
 */

const grader = createOfflineGrader();

const TYPES_QUESTION = 'What are the main data types in Python used for machine learning?';
const TYPES_REFERENCE =
  'Python has several core data types that you’ll use constantly in machine learning projects. The basic ones include integers for whole numbers, floats for decimal numbers, ' +
  'strings for text data, and booleans for true or false values. For machine learning specifically, you’ll work heavily with lists to store collections of data, tuples for ' +
  'immutable sequences, dictionaries for key-value pairs like feature names and values, and sets for unique elements. Understanding these is crucial because your entire ' +
  'dataset manipulation depends on handling these types correctly.';
const TYPING_QUESTION = 'What is dynamic typing in Python?';
const TYPING_REFERENCE =
  'Dynamic typing means a variable’s type is checked at run time, not declared: the same name can hold an integer, then a string, then a list of floats. ' +
  'Python infers the type from the value assigned, which makes code short but lets type errors surface only when the line runs, so tests and type hints matter.';

const ASSUMPTIONS_QUESTION = 'What are the assumptions of linear regression?';
const ASSUMPTIONS_REFERENCE =
  'Linear regression assumes several things about data. Linearity means the relationship between features and target is linear. ' +
  'Independence means observations don’t affect each other. Homoscedasticity means error variance is constant across all feature values. ' +
  'Normality means errors are normally distributed. No multicollinearity means features aren’t highly correlated with each other. ' +
  'Violations of these assumptions can degrade performance or make interpretations incorrect.';

const TYPES_LIST = 'Integers, floats, booleans and strings, plus lists, tuples, dictionaries and sets.';

const grade = async (question: string, reference: string, answer: string) => grader.grade(input(question, reference, answer));

describe('a question that asks for a list', () => {
  it('reads questions asking for a set of things as enumerations, and definitions as not', () => {
    for (const question of [
      TYPES_QUESTION,
      'What are different ways to create NumPy arrays besides converting lists?',
      'What parameters does DBSCAN require?',
      'What distance metrics are used in clustering?',
      'What are K-means limitations?',
      'Name the common activation functions.',
      'What types of features can decision trees handle?',
    ]) {
      expect(asksForList(question), question).toBe(true);
    }
    for (const question of [
      TYPING_QUESTION,
      'What are universal functions in NumPy?',
      'What are support vectors?',
      'What happens when features are correlated in Lasso?',
      'What causes vanishing and exploding gradients in deep networks?',
      'What is dropout?',
    ]) {
      expect(asksForList(question), question).toBe(false);
    }
  });

  it('grades a list of the right data types to the data-types question as a thin but correct answer', async () => {
    const result = await grade(TYPES_QUESTION, TYPES_REFERENCE, TYPES_LIST);
    expect(result.overall).toBeGreaterThanOrEqual(3);
    expect(result.improvements.join(' ')).not.toMatch(/a list shows recall/i);
    expect(dimension(result, 'clarity').rationale).not.toMatch(/list of keywords/i);
  });

  it('keeps a list without explanation at or under 3.5: the right items, not why', async () => {
    const result = await grade(TYPES_QUESTION, TYPES_REFERENCE, TYPES_LIST);
    expect(result.overall).toBeLessThanOrEqual(3.5);
    expect(dimension(result, 'depth').score).toBeLessThanOrEqual(2);
  });

  it('credits a list of the asked items beside a sentence on what they are for as much as the same said in sentences', async () => {
    const listed = await grade(
      TYPES_QUESTION,
      TYPES_REFERENCE,
      'Integers, floats, strings, booleans. Lists, tuples, dictionaries, sets. Lists hold ordered mutable data such as a batch of samples, ' +
        'tuples fix shapes that must not change, and dictionaries map feature names to their values.',
    );
    const told = await grade(
      TYPES_QUESTION,
      TYPES_REFERENCE,
      'The scalar types are integers, floats, strings and booleans. The collections are lists, tuples, dictionaries and sets. Lists hold ordered mutable data ' +
        'such as a batch of samples, tuples fix shapes that must not change, and dictionaries map feature names to their values.',
    );
    expect(listed.overall).toBeGreaterThanOrEqual(3.5);
    expect(Math.abs(listed.overall - told.overall)).toBeLessThanOrEqual(0.3);
  });

  it('credits the assumptions a row of terms names, among stated items, when the question asks for the assumptions', async () => {
    const result = await grade(
      ASSUMPTIONS_QUESTION,
      ASSUMPTIONS_REFERENCE,
      '- Linearity between features and target\n- Errors independent of each other\n- homoscedasticity, normality, multicollinearity, variance',
    );
    const quotes = (result.coverage ?? []).flatMap((entry) => (entry.status === 'covered' && entry.quote !== undefined ? [entry.quote] : []));
    expect(quotes.filter((quote) => quote.includes('homoscedasticity')).length).toBeGreaterThan(0);
  });

  it('still reads the same list to "What is dynamic typing?" as a keyword list', async () => {
    const result = await grade(TYPING_QUESTION, TYPING_REFERENCE, TYPES_LIST);
    expect(result.overall).toBeLessThanOrEqual(2);
  });

  it('still reads a dump of terms the reference does not name, to the data-types question, as a keyword list', async () => {
    const result = await grade(TYPES_QUESTION, TYPES_REFERENCE, 'Gradient descent, backpropagation, overfitting, regularisation, dropout, learning rate.');
    expect(result.overall).toBeLessThanOrEqual(2);
    expect(result.improvements.join(' ')).toMatch(/a list shows recall/i);
  });

  it("still reads a dump of the reference's commonest words, to the data-types question, as a keyword list", async () => {
    const result = await grade(TYPES_QUESTION, TYPES_REFERENCE, 'numbers, values, several, core, constantly, projects.');
    expect(result.overall).toBeLessThanOrEqual(2);
  });
});
