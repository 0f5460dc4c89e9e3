import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../../src/contracts/feedback-schema.js';
import { createOfflineGrader, SHIPPED_MODELS, type OfflineModels } from '../../../src/grading/offline/offline-grader.js';
import { projectRoot } from '../../../src/config.js';
import { readCorpus } from '../../../src/corpus/parse-corpus.js';
import { dimensionOf as dimension, technicalQuestionInput as input } from './fixtures.js';

/*
 * Advice that follows from the answer (issue 10, item 8): no accusation of error where the answer is
 * right, no "missed" point that is not a point, no advice to add what the answer already has. The
 * questions and answers are written for these tests.
 */

const grader = createOfflineGrader();

/** Advice that calls a sentence wrong: checked against the model answer, or corrected from the misconception bank. */
const accusations = (improvements: readonly string[]): string[] => improvements.filter((text) => text.includes('against the model answer') || text.includes('Correct "'));

describe('contradiction advice', () => {
  it('does not read an opposite word about another thing as a contradiction ("general corpus" against "specific task")', async () => {
    const result = await grader.grade(
      input(
        'What is fine-tuning a pretrained model?',
        'You start with a model trained on a large dataset, then fine-tune it on your specific task with a small learning rate.',
        'You start with a model trained on a large, general dataset and fine-tune it on your task with a small learning rate.',
      ),
    );
    expect(accusations(result.improvements)).toEqual([]);
  });

  it('still names a swapped word said about the same thing ("optimise recall" against "optimise precision")', async () => {
    const result = await grader.grade(
      input(
        'Which metric matters for a spam filter?',
        'For a spam filter you optimise precision, because flagging a real email as spam is costly.',
        'For a spam filter you optimise recall, because flagging a real email as spam is costly.',
      ),
    );
    expect(accusations(result.improvements).join(' ')).toContain('It says "recall" where the model answer says "precision"');
  });

  it('does not match an opposite word against the reference sentence about the other subject when the reference also says it', async () => {
    const result = await grader.grade(
      input(
        'How do bagging and boosting differ?',
        'Bagging trains its models independently on bootstrap samples and averages them. Boosting trains its models sequentially, each one correcting the errors of the last.',
        'Bagging trains models independently; boosting trains its models one after another, each one correcting the errors of the last.',
      ),
    );
    expect(accusations(result.improvements)).toEqual([]);
  });

  it('does not read a denial about another subject as negating the reference ("deep networks aren\'t convex")', async () => {
    const result = await grader.grade(
      input(
        'What is a convex function?',
        'A convex function curves upward like a bowl, so any local minimum is also the global minimum.',
        'A convex function curves upward like a bowl, so a local minimum is the global minimum. Deep networks aren\'t convex, which is why their training can stall in a poor local minimum.',
      ),
    );
    expect(accusations(result.improvements)).toEqual([]);
  });

  it('does not read a quoted "not", a condition or a "not" that narrows a noun as a denial', async () => {
    const result = await grader.grade(
      input(
        'How does DBSCAN label points?',
        'Points reachable from core points belong to clusters, and the remaining points are labelled as noise by the algorithm.',
        'Points reachable from core points belong to clusters; points not reachable from any core point are labelled as noise. ' +
          'A naive model that predicts "not reachable" for every point labels everything as noise. ' +
          'If the points are not reachable from core points, the algorithm labels them as noise.',
      ),
    );
    expect(accusations(result.improvements)).toEqual([]);
  });

  it('still names a denial of what the reference affirms about the same subject', async () => {
    const result = await grader.grade(
      input(
        'Is the logistic regression loss convex?',
        'The cross-entropy loss of logistic regression is convex, so gradient descent finds the global minimum.',
        'The cross-entropy loss of logistic regression is not convex, so gradient descent can get stuck in local minima.',
      ),
    );
    expect(accusations(result.improvements)).toHaveLength(1);
  });
});

describe('example advice', () => {
  const question = 'What is transfer learning?';
  const reference =
    'Transfer learning reuses knowledge from one task to help with a related task. ' +
    'For example, a network trained on everyday photos can be fine-tuned to spot tumours in medical scans.';

  it('does not take a count said in words ("from one task") for the model answer\'s example', async () => {
    const result = await grader.grade(input(question, reference, 'It reuses what a model learned on one problem to learn a related problem faster.'));
    const example = result.improvements.filter((text) => /give a concrete example/i.test(text));
    expect(example).toHaveLength(1);
    expect(example[0]).toContain('For example, a network trained on everyday photos');
  });

  it('sees a named instance ("like ImageNet") as the answer\'s own example and does not ask for one', async () => {
    const result = await grader.grade(
      input(question, reference, 'You take a network pretrained on a big dataset, like ImageNet, and fine-tune it to help with your related task.'),
    );
    expect(result.improvements.filter((text) => /give a concrete example/i.test(text))).toEqual([]);
  });

  it('scores an illustration introduced by "like a" as an example, as the advice reads it', async () => {
    const result = await grader.grade(
      input(
        'What is the bias-variance tradeoff? Explain with an example.',
        'Bias is error from a model too simple for the data; variance is error from sensitivity to the training sample. For example, a straight line fitted to curved data has high bias, and a deep tree that memorises its data has high variance.',
        'Bias is error from a model too simple to capture the pattern, like a straight line through a curved relationship: it underfits. Variance is sensitivity to the particular training sample, like a deep tree that memorises the data: training error is tiny but test error is high.',
      ),
    );
    expect(result.dimensions.find((dimension) => dimension.key === 'depth')?.rationale).toMatch(/with an example/);
    expect(result.improvements.filter((text) => /give a concrete example/i.test(text))).toEqual([]);
  });
});

const LIST_SET_QUESTION = 'What is the difference between a Python list and a set?';
const LIST_SET_REFERENCE =
  'Lists are ordered, meaning every item has a fixed position that you can index, slice and sort. ' +
  'Sets are unordered and keep each value only once, so adding a duplicate has no effect. Checking membership is fast in a set, because it uses hashing.';

describe('missed and partial points in advice', () => {
  it('does not offer a list\'s announcement or a why-it-matters line as a missed point', async () => {
    const result = await grader.grade(
      input(
        'What are the stages of a batch data pipeline?',
        'A typical data pipeline follows these stages. First, ingest the raw events into object storage. Second, clean and deduplicate the events. ' +
          'Finally, aggregate the events into daily tables for reporting. Understanding these stages helps you debug a broken pipeline.',
        'You ingest the raw events into object storage, clean and deduplicate them, and aggregate them into daily tables for reporting.',
      ),
    );
    expect(result.missingPoints).toEqual([]);
    expect(result.improvements.filter((text) => text.includes('these stages'))).toEqual([]);
  });

  it('does not ask for the model answer\'s analogy, or for its verdict on the sentence before, as a missed point', async () => {
    const result = await grader.grade(
      input(
        'What is reinforcement learning?',
        'In reinforcement learning an agent takes actions in an environment and receives rewards. It learns a policy that maximises the cumulative reward. ' +
          'It’s similar to training a dog with treats and corrections. This is a major advantage over labelling every example by hand.',
        'An agent acts in an environment, gets rewards, and learns a policy that maximises the total reward it expects.',
      ),
    );
    const missed = (result.coverage ?? []).filter((entry) => entry.status === 'missed').map((entry) => entry.point);
    expect(missed.join(' ')).toMatch(/training a dog/);
    expect(missed.join(' ')).toMatch(/major advantage/);
    const asked = [...result.improvements, ...(result.missingPoints ?? [])].join(' ');
    expect(asked).not.toMatch(/training a dog/);
    expect(asked).not.toMatch(/major advantage/);
  });

  it('does not call a point missed when a correct answer makes its claim without the elaboration', async () => {
    const result = await grader.grade(
      input(
        LIST_SET_QUESTION,
        LIST_SET_REFERENCE,
        'Lists are ordered. Sets are unordered, hold each value only once and check membership fast through hashing.',
      ),
    );
    expect(result.improvements.filter((text) => text.includes('Lists are ordered'))).toEqual([]);
  });

  it('still names the point to an answer that denies its claim ("Lists are not ordered")', async () => {
    const result = await grader.grade(
      input(
        LIST_SET_QUESTION,
        LIST_SET_REFERENCE,
        'Lists are not ordered. Sets keep duplicates and checking membership in a set is slow.',
      ),
    );
    expect(result.improvements.join(' ')).toContain('Lists are ordered, meaning every item has a fixed position');
  });

  it('does not ask an answer judged right to cover the one point it makes in other words ("begin execution at main")', async () => {
    const question = 'Where do C++ programs begin to execute?';
    const right = await grader.grade(input(question, 'At the main function.', 'C++ programs begin execution at main.'));
    expect(dimension(right, 'correctness').score).toBeGreaterThanOrEqual(4);
    expect(right.improvements.join(' ')).not.toContain('At the main function.');
    const wrong = await grader.grade(input(question, 'At the main function.', 'At the first line of the file, top to bottom.'));
    expect(wrong.improvements.join(' ')).toContain('Cover the missed key point: "At the main function."');
  });
});

describe('depth advice', () => {
  const HASH_QUESTION = 'What is a hash table?';
  const HASH_REFERENCE =
    'A hash table maps keys to values through a hash function that picks a bucket for each key. Lookups take constant time on average. ' +
    'However, collisions make the worst case linear, and the table needs spare memory to stay fast.';

  it('offers depth the question did not ask for ("to stand out") only to an answer that is right so far', async () => {
    const right = await grader.grade(
      input(HASH_QUESTION, HASH_REFERENCE, 'A hash table stores values under keys, using a hash function to pick the bucket for each key, so a lookup takes constant time on average.'),
    );
    expect(right.improvements.join(' ')).toContain('To stand out, add the trade-off the model answer makes');
    const denied = await grader.grade(
      input(HASH_QUESTION, HASH_REFERENCE, 'A hash table does not pick a bucket for each key; it keeps keys sorted in a tree, so lookups take logarithmic time.'),
    );
    expect(accusations(denied.improvements)).toHaveLength(1);
    expect(denied.improvements.join(' ')).not.toMatch(/To stand out/);
  });

  it('never offers a sentence announcing a difference ("Both … but use different indexing") as a trade-off or a missed point', async () => {
    const question = 'What is the difference between loc and iloc in pandas?';
    const reference =
      'Both select subsets of DataFrames but use different indexing. loc selects rows and columns by their labels, and its slices include the end. ' +
      'iloc selects by integer position, and its slices exclude the end.';
    for (const answer of ['loc selects by label, iloc by integer position.', 'loc selects by integer position and iloc selects by label.']) {
      const result = await grader.grade(input(question, reference, answer));
      expect([...result.improvements, ...result.missingPoints].join(' ')).not.toContain('Both select subsets');
    }
  });

  it('does not quote a sentence that only negates as the pitfall to name', async () => {
    const result = await grader.grade(
      input(
        'How does a NumPy view differ from a copy?',
        'A view shares memory with the array it came from, so writing to the view changes that array. ' +
          "A copy owns its memory and is independent, so edits to it don't reach the original array.",
        'A view shares memory with the original array, so writing to it changes the array.',
      ),
    );
    expect(result.improvements.filter((text) => text.includes('pitfall'))).toEqual([]);
  });

  it('still asks for the pitfall a reference sentence warns about', async () => {
    const result = await grader.grade(
      input(
        'How does a NumPy view differ from a copy?',
        'A view shares memory with the array it came from, so writing to the view changes that array. ' +
          'A common mistake is editing a view by accident and corrupting the training data it came from.',
        'A view shares memory with the original array, so writing to it changes the array.',
      ),
    );
    expect(result.improvements.join(' ')).toMatch(/name the pitfall the model answer warns about: "A common mistake is editing a view/i);
  });
});

describe('strengths', () => {
  it('never quotes as a strength a sentence the advice asks the candidate to check', async () => {
    const result = await grader.grade(
      input(
        'Is the logistic regression loss convex?',
        'The cross-entropy loss of logistic regression is convex, so gradient descent finds the global minimum.',
        'The cross-entropy loss of logistic regression is not convex, so gradient descent can get stuck in local minima.',
      ),
    );
    expect(accusations(result.improvements)).toHaveLength(1);
    expect(result.strengths.filter((text) => text.includes('is not convex'))).toEqual([]);
  });

  it('praises no answer for its sentences alone: clarity stays on its own dimension, right or wrong answer', async () => {
    const question = 'What does the learning rate control in gradient descent?';
    const reference = 'The learning rate sets the size of the step each update takes along the negative gradient. Too large a rate diverges, too small a rate crawls.';
    const right = await grader.grade(input(question, reference, 'It sets how big a step each update takes along the negative gradient.'));
    const wrong = await grader.grade(input(question, reference, 'It sets how many layers the network has. More layers make each update slower to compute.'));
    for (const result of [right, wrong]) {
      expect(dimension(result, 'clarity').score).toBeGreaterThanOrEqual(4);
      expect(result.strengths).not.toContain(dimension(result, 'clarity').rationale);
      expect(result.strengths.join(' ')).not.toMatch(/complete sentence/i);
    }
  });
});

describe('contradiction advice on paraphrases with a negation', () => {
  it('does not read a negated opposite as a swap ("cannot be used outside" against "only inside")', async () => {
    const result = await grader.grade(
      input(
        'Where can a local variable be used?',
        'A local variable can only be used inside the function that declares it.',
        'A local variable cannot be used outside the function that declares it.',
      ),
    );
    expect(accusations(result.improvements).filter((text) => text.includes('It says'))).toEqual([]);
  });

  it('does not read a verb that removes something as a denial ("can eliminate the overhead of copying")', async () => {
    const result = await grader.grade(
      input(
        'Why pass large objects by reference?',
        'Passing by reference avoids making copies of large data structures when calling a function.',
        'Passing by reference can eliminate the overhead of copying large amounts of data.',
      ),
    );
    expect(accusations(result.improvements)).toEqual([]);
  });

  it('does not read a negation in a "when" condition as a denial', async () => {
    const result = await grader.grade(
      input(
        'What changes when an array is declared static?',
        'An array declared static is initialised once and keeps its values between calls.',
        'An array declared static is initialised once and keeps its values between calls. When an array is not declared static, it is initialised on every call and loses its values.',
      ),
    );
    expect(accusations(result.improvements)).toEqual([]);
  });
});

describe('role swaps and denials of an opposite', () => {
  const question = 'What is the difference between bagging and boosting?';
  const reference =
    'Bagging trains its models independently, in parallel, on bootstrap samples, and averages them to reduce variance. ' +
    'Boosting trains its models sequentially, each one correcting the errors of the previous ones, which reduces bias.';

  it('does not read a correct answer phrased as denials ("does not train its models sequentially") as a swap or a denial', async () => {
    const result = await grader.grade(
      input(
        question,
        reference,
        'Bagging does not train its models sequentially; it averages bootstrap samples to reduce variance. ' +
          'Boosting does not train its models in parallel; each one corrects the errors of the previous ones to reduce bias.',
      ),
    );
    expect(accusations(result.improvements)).toEqual([]);
    expect(result.dimensions.find((dimension) => dimension.key === 'correctness')?.score).toBeGreaterThanOrEqual(4);
  });

  it('caps correctness when the answer swaps how bagging and boosting train their models', async () => {
    const result = await grader.grade(
      input(
        question,
        reference,
        'Bagging trains its models sequentially, each one correcting the errors of the previous ones. ' +
          'Boosting never trains its models one after another: it trains them independently, in parallel, and averages them.',
      ),
    );
    expect(result.dimensions.find((dimension) => dimension.key === 'correctness')?.score).toBeLessThanOrEqual(2);
  });
});

describe('the depth strength', () => {
  it('quotes a sentence the advice does not question, and names only the kinds that sentence shows', async () => {
    const result = await grader.grade(
      input(
        'How do you choose the evaluation metric for a spam filter?',
        'For a spam filter you optimise precision, because flagging a real email as spam is costly. For example, a filter with 99 percent precision still loses one real email in a hundred flagged. ' +
          'The trade-off is that higher precision lowers recall, so more spam gets through. A common pitfall is to report accuracy on imbalanced data.',
        'For a spam filter you optimise recall, for example keeping 99 percent of flagged emails real, because flagging a real email as spam is costly. ' +
          'The trade-off is that higher precision lowers recall, so more spam gets through. A common pitfall is to report accuracy on imbalanced data.',
      ),
    );
    const depth = result.strengths.find((text) => text.startsWith('Goes beyond a definition'));
    expect(accusations(result.improvements).some((text) => text.includes('optimise recall'))).toBe(true);
    expect(depth).toBeDefined();
    expect(depth).not.toContain('optimise recall');
    expect(depth).toMatch(/^Goes beyond a definition with a trade-off: /);
  });
});

describe('labelled blocks of a structured model answer', () => {
  // Shaped like the curated model answers of data/technical-references.json; written for this test.
  const reference = [
    "Batch normalisation normalises each layer's inputs over the mini-batch, then scales and shifts them with learned parameters.",
    '',
    '**Why it helps:**',
    "- Layers no longer have to correct each other's mistakes in scale, so higher learning rates train stably.",
    '',
    '**When to use it:** deep convolutional networks trained with mini-batches of 32 or more; small batches make its statistics noisy.',
    '',
    '**Example:** a ResNet-50 reaches the same accuracy in a third of the epochs with batch normalisation at a learning rate of 0.1.',
    '',
    '**Common pitfall:** leaving the layer in training mode at inference, so each prediction depends on the other examples in the batch.',
  ].join('\n');
  const answer = "Batch norm normalises a layer's inputs with the mini-batch mean and variance, then applies a learned scale and shift.";

  it('quotes the block labelled as the pitfall, not an earlier sentence that says "mistakes"', async () => {
    const result = await grader.grade(input('How does batch normalisation work?', reference, answer));
    const pitfall = result.improvements.find((text) => /^(?:Next step: )?(?:To stand out, )?name the pitfall/i.test(text));
    expect(pitfall).toContain('"leaving the layer in training mode at inference');
    expect(result.improvements.join(' ')).not.toContain("correct each other's mistakes");
  });

  it('quotes the block labelled as the example, not an earlier sentence with a figure', async () => {
    // The answer says when batch norm is useful, so the advice asks for the next kind of depth the model answer has.
    const whenToUse = `${answer} It is useful when training deep convolutional networks on large mini-batches.`;
    const result = await grader.grade(input('How does batch normalisation work, and what is a common pitfall?', reference, whenToUse));
    const example = result.improvements.find((text) => /give a concrete example/i.test(text));
    expect(example).toContain('"a ResNet-50 reaches the same accuracy');
    expect(example).not.toContain('Example:');
  });

  it('keeps a kind label in a point that goes on from it, so the point does not read as a fragment', async () => {
    const result = await grader.grade(input('How does batch normalisation work?', reference, answer));
    const labels = (result.coverage ?? []).map((entry) => entry.point);
    expect(labels.some((label) => label.startsWith('When to use it: deep convolutional networks'))).toBe(true);
    expect(labels.some((label) => label.startsWith('deep convolutional networks'))).toBe(false);
  });
});

describe('depth advice from a structured model answer', () => {
  const reference = [
    'Dropout is a regularisation technique: during training each unit is set to zero at random with probability p, so the network cannot rely on any single unit.',
    '',
    '**Trade-offs:** training needs more epochs and the loss is noisier; too high a rate underfits the data.',
    '',
    '**Common pitfall:** leaving dropout active at evaluation time (forgetting model.eval() in PyTorch), which makes predictions random.',
  ].join('\n');
  const answer = 'Dropout sets each unit to zero at random with probability p during training, so the network cannot rely on any single unit.';

  it('quotes a labelled block with a dotted name in a bracket whole', async () => {
    const withoutTradeOffs = reference.replace(/\*\*Trade-offs:\*\*[^\n]*\n\n/, '');
    const result = await grader.grade(input('How does dropout work?', withoutTradeOffs, answer));
    const pitfall = result.improvements.find((text) => /name the pitfall/i.test(text));
    expect(pitfall).toContain('(forgetting model.eval() in PyTorch)');
  });

  it('quotes no more than the labelled block when its bracket never closes', async () => {
    const unclosed = [
      'Dropout is a regularisation technique: during training each unit is set to zero at random with probability p, so the network cannot rely on any single unit.',
      '',
      '**Common pitfall:** leaving dropout on (forgetting model.eval(), so output is noisy. It is cheap to add.',
    ].join('\n');
    const result = await grader.grade(input('How does dropout work?', unclosed, answer));
    const pitfall = result.improvements.find((text) => /name the pitfall/i.test(text));
    expect(pitfall).toContain('leaving dropout on (forgetting model.eval(), so output is noisy.');
    expect(pitfall).not.toContain('cheap to add');
  });
});

describe('depth advice and the coverage map agree', () => {
  const reference =
    'Lasso regression uses L1 regularization, adding a penalty proportional to the absolute value of coefficients. This creates sparse models with few non-zero coefficients. However, it can be unstable with correlated features, arbitrarily selecting one and zeroing others.';

  it('does not ask for the trade-off whose point the card shows covered', async () => {
    const answer =
      'Lasso adds an L1 penalty, the sum of the absolute values of the coefficients, so some coefficients become exactly zero. With correlated features it is unstable: it arbitrarily keeps one and zeroes the others.';
    const result = await grader.grade(input('What is Lasso regression?', reference, answer));
    const tradeOff = result.coverage?.find((entry) => entry.point.startsWith('However, it can be unstable'));
    expect(tradeOff?.status).toBe('covered');
    expect(result.improvements.join(' ')).not.toMatch(/add the trade-off/i);
  });

  it('still asks for the trade-off an answer leaves out', async () => {
    const answer = 'Lasso adds an L1 penalty, the sum of the absolute values of the coefficients, so some coefficients become exactly zero.';
    const result = await grader.grade(input('What is Lasso regression?', reference, answer));
    expect(result.improvements.join(' ')).toMatch(/add the trade-off the model answer makes, e\.g\. "However, it can be unstable with correlated features/i);
  });
});

describe('an answer that shares nothing with the model answer', () => {
  const question = 'Can you use feature importance for feature selection?';
  // ml-interview-preparation-guide.txt, Q300.
  const reference =
    'Yes, feature importance can guide feature selection. Remove features with very low importance and retrain to see if performance is maintained with fewer features. This reduces complexity and training time. However, be careful not to remove too aggressively as features might interact or provide small but cumulative benefits. Use cross-validation to ensure removed features truly don’t hurt performance. Iterative removal and evaluation finds the minimal feature set maintaining good performance.';

  it('is not said to be about something else when it names the question\'s subject', async () => {
    // No "Yes." first: that answers the question the way the model answer does, and makes its first point (yes-no.ts).
    const result = await grader.grade(input(question, reference, 'Train a tree ensemble, rank the features by importance and drop the ones near zero.'));
    const text = [...result.improvements, ...result.dimensions.map((dimension) => dimension.rationale)].join(' ');
    expect(text).toContain("names the question's subject");
    expect(text).not.toContain('does not address the question');
    expect(text).not.toContain('about something else');
  });

  it('does not take one of two question words for the subject ("learning" of "transfer learning")', async () => {
    const result = await grader.grade(
      input(
        'What is transfer learning?',
        'Transfer learning reuses knowledge from one task to help with a related task. Instead of training from scratch, you start with a model trained on a large dataset, then adapt it to your specific problem. For example, a model trained to recognize general objects can be fine-tuned to recognize specific medical conditions. This works because early layers learn general features like edges and textures that apply broadly.',
        'Deep learning needs GPUs and a lot of data; I usually rent cloud machines for it.',
      ),
    );
    expect(result.improvements.join(' ')).toContain('The answer does not address the question');
  });

  it('is still said not to address the question when it is about something else', async () => {
    const result = await grader.grade(input(question, reference, 'Python lists are mutable sequences, and tuples cannot be changed once they are created.'));
    expect(result.improvements.join(' ')).toContain('The answer does not address the question');
  });
});

describe('off-topic is read from what the answer is about, not from how the regression rates it', () => {
  // ml-interview-preparation-guide.txt, Q204 and the matrix multiplication question; the answers are round 15's correct ones.
  const polynomials = {
    question: 'What problems can high-degree polynomials cause?',
    reference:
      'High-degree polynomials create extremely complex curves that overfit training data. They fit every bump and wiggle in your training examples, including noise, then fail miserably on new data. Predictions can shoot to extreme values outside your training data range. The model becomes unstable with small changes in data causing large changes in predictions. Computation becomes expensive as the number of features explodes exponentially with degree. Generally, keep polynomial degrees low or use regularization to control complexity.',
    answer:
      'High-degree polynomials overfit: they have high variance, oscillate wildly between points and at the edges, and extrapolate terribly. A low-degree polynomial underfits because it has high bias. Regularise, or choose the degree by cross-validation.',
  };
  const matrices = {
    question: 'What does matrix multiplication represent in neural networks?',
    reference:
      'Matrix multiplication in neural networks represents information flowing through layers and being transformed. When you multiply your input matrix by a weight matrix, you’re computing a weighted sum for each neuron. Each neuron receives inputs from all previous neurons, multiplied by learned weights, and produces an output. This transformation happens at each layer. Understanding matrix multiplication helps you see how networks process information, why certain layer sizes work together, and how gradients flow backward during training.',
    answer:
      "Matrix multiplication computes each layer's pre-activations for a whole batch at once: Z = X W + b. Unlike element-wise multiplication, it does not require both matrices to have the same shape; the inner dimensions must match, so an (n, d) times (d, k) gives (n, k).",
  };
  const importance = {
    question: 'Can you use feature importance for feature selection?',
    reference:
      'Yes, feature importance can guide feature selection. Remove features with very low importance and retrain to see if performance is maintained with fewer features. This reduces complexity and training time. However, be careful not to remove too aggressively as features might interact or provide small but cumulative benefits. Use cross-validation to ensure removed features truly don’t hurt performance. Iterative removal and evaluation finds the minimal feature set maintaining good performance.',
    answer: 'Python lists are mutable sequences, and tuples cannot be changed once they are created.',
  };
  const offTopic = (result: GradeResult): boolean => result.improvements.join(' ').includes('The answer does not address the question');
  /** The shipped weights with every answer's estimate pinned at `quality` (0..1): what a refit could do at its extremes. */
  const pinned = (quality: number): OfflineModels => ({
    ...SHIPPED_MODELS,
    technical: {
      ...SHIPPED_MODELS.technical,
      version: `pinned-${quality}`,
      regressions: SHIPPED_MODELS.technical.regressions.map((regression) => ({ ...regression, weights: regression.weights.map(() => 0), intercept: quality })),
    },
  });

  it('does not call an answer about something else when it names the question\'s subject in words the model answer does not use', async () => {
    const result = await grader.grade(input(polynomials.question, polynomials.reference, polynomials.answer));
    expect(offTopic(result)).toBe(false);
    expect(dimension(result, 'coverage').rationale).not.toContain('about something else');
    expect(dimension(result, 'correctness').score).toBeGreaterThanOrEqual(2);
  });

  it('does not call an answer about something else when it talks in the reference\'s words without the question\'s', async () => {
    const result = await grader.grade(input(matrices.question, matrices.reference, matrices.answer));
    expect(offTopic(result)).toBe(false);
    expect(dimension(result, 'correctness').score).toBeGreaterThanOrEqual(2);
  });

  it('decides off-topic the same whatever estimate the fitted weights give', async () => {
    for (const quality of [0, 1]) {
      const refitted = createOfflineGrader(pinned(quality));
      expect(offTopic(await refitted.grade(input(importance.question, importance.reference, importance.answer)))).toBe(true);
      expect(offTopic(await refitted.grade(input(polynomials.question, polynomials.reference, polynomials.answer)))).toBe(false);
      expect(offTopic(await refitted.grade(input(matrices.question, matrices.reference, matrices.answer)))).toBe(false);
    }
  });

  it('calls an answer about something else off-topic when it shares only the words common to the whole field', async () => {
    // The corpus's kernel trick and gradient questions and model answers; the answers are a tester's. The random forest
    // answer has a third of its terms in the kernel trick's model answer ("decision", "train", "sample", "feature",
    // "predict"), the filler a third in the gradient's ("machine", "learning", "model"): words every model answer uses.
    const corpus = readCorpus(path.join(projectRoot, 'data', 'corpus')).questions;
    const kernel = corpus.find((record) => record.id === 'q_6eb76807c7bec6d2');
    const gradient = corpus.find((record) => record.id === 'q_1ec912eb7d21841d');
    const forest = 'Random Forest is an ensemble of decision trees trained on bootstrap samples with random feature subsets; predictions are averaged.';
    const filler = 'This is an important concept in machine learning that helps models perform better on new data and avoid problems during training.';
    expect(kernel?.text).toContain('kernel trick');
    expect(gradient?.text).toBe('What is a gradient?');
    for (const quality of [0, 1]) {
      const refitted = createOfflineGrader(pinned(quality));
      expect(offTopic(await refitted.grade(input(kernel?.text ?? '', kernel?.answers[0] ?? '', forest)))).toBe(true);
      expect(offTopic(await refitted.grade(input(gradient?.text ?? '', gradient?.answers[0] ?? '', filler)))).toBe(true);
    }
  });

  it('says which words it shares with the model answer when they are only the common ones', async () => {
    const kernel = readCorpus(path.join(projectRoot, 'data', 'corpus')).questions.find((record) => record.id === 'q_6eb76807c7bec6d2');
    const forest = 'Random Forest is an ensemble of decision trees trained on bootstrap samples with random feature subsets; predictions are averaged.';
    const rationale = dimension(await grader.grade(input(kernel?.text ?? '', kernel?.answers[0] ?? '', forest)), 'correctness').rationale;
    expect(rationale).toContain('"decision", "trained", "samples"');
    expect(rationale).toContain('used across the whole field');
    const plain = dimension(await grader.grade(input(importance.question, importance.reference, importance.answer)), 'correctness').rationale;
    expect(plain).not.toContain('whole field');
  });
});

describe('an answer given as code, which names little of the question in words', () => {
  // The k-means question and model answer are the corpus's (curated references); the answers are written for this test.
  const kmeans = readCorpus(path.join(projectRoot, 'data', 'corpus')).questions.find((record) => record.id === 'q_5f23d5c6c4533edb');
  const offTopic = (result: GradeResult): boolean => result.improvements.join(' ').includes('The answer does not address the question');
  const grade = (answer: string) => grader.grade(input(kmeans?.text ?? '', kmeans?.answers[0] ?? '', answer));

  it('is not called off-topic for correct code in its own names, and code for another task still is', async () => {
    const lloyd = [
      '```python',
      'def fit(points, n_groups, steps=50):',
      '    centres = points[np.random.permutation(len(points))[:n_groups]]',
      '    for _ in range(steps):',
      '        owner = ((points[:, None, :] - centres[None]) ** 2).sum(axis=2).argmin(axis=1)',
      '        moved = np.stack([points[owner == g].mean(axis=0) for g in range(n_groups)])',
      '        if np.abs(moved - centres).max() < 1e-4:',
      '            break',
      '        centres = moved',
      '    return centres, owner',
      '```',
    ].join('\n');
    const dedupe = [
      '```python',
      'df = pd.read_csv("users.csv")',
      'df = df.drop_duplicates(subset=["email"])',
      'df["signup"] = pd.to_datetime(df["signup"])',
      'monthly = df.groupby(df["signup"].dt.month).size()',
      'print(monthly)',
      '```',
    ].join('\n');
    expect(kmeans?.answers[0]).toContain('def kmeans');
    const own = await grade(lloyd);
    expect(offTopic(own)).toBe(false);
    expect(own.overall).toBeGreaterThanOrEqual(2.5);
    expect(offTopic(await grade(dedupe))).toBe(true);
  });
});

describe('what the advice quotes', () => {
  // The SVR reference is ml-interview-preparation-guide.txt's; the dropout reference and the answers are written for these tests.
  const dropout =
    'Dropout randomly deactivates neurons during training by setting their outputs to zero with some probability, typically 0.5. This prevents neurons from co-adapting, forcing each to learn robust features independently. At test time, all neurons are active but their outputs are scaled. Dropout acts like training an ensemble of networks. It is effective for large fully connected layers.';
  const svr =
    'Consider your dataset size, desired interpretability, and computational resources. For small datasets with non-linear patterns, SVR is competitive. For huge datasets, it’s too slow. If interpretability matters, linear models are better. If maximum performance matters regardless of interpretability, try gradient boosting or neural networks. SVR shines in the middle ground: medium-sized problems with some complexity where you value robustness. Always compare multiple approaches with cross-validation on your specific data.';

  it('quotes a bulleted line of the answer without its list marker', async () => {
    const result = await grader.grade(
      input(
        'How does dropout work?',
        dropout,
        "**Dropout**\n- During training, each unit is zeroed with probability p (e.g. 0.5), and the survivors are scaled by 1/(1-p).\n- Units can't rely on specific other units, so they learn more robust features; it's like training an ensemble of thinned networks.",
      ),
    );
    const quotes = [...[...result.improvements, ...result.strengths].join(' ').matchAll(/"([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(quotes.some((text) => text.startsWith('During training'))).toBe(true);
    expect(quotes.filter((text) => text.startsWith('- '))).toEqual([]);
  });

  it('gives no "concrete example" that is an instruction ("Consider your dataset size…")', async () => {
    const answer =
      'Use SVR on small to medium datasets with non-linear relationships where you can tune C, epsilon and the kernel; for large data or when you need interpretability, prefer gradient boosting or linear models.';
    const result = await grader.grade(input('How do you choose between SVR and other methods?', svr, answer));
    expect(result.improvements.join(' ')).not.toMatch(/give a concrete example/i);
  });
});

describe('advice that does not call a right answer wrong or incomplete', () => {
  const reference = [
    'Batch normalisation normalises each layer\'s inputs over the mini-batch, then scales and shifts them with learned parameters.',
    'It lets deeper networks train faster and with higher learning rates.',
    'Common pitfall: leaving the layer in training mode at inference, so each prediction depends on the other examples in the batch.',
  ].join(' ');
  const answer = "Batch norm normalises a layer's inputs with the mini-batch mean and variance, then applies a learned scale and shift.";

  it('offers depth the question did not ask for as a way to stand out, not as something missing', async () => {
    const result = await grader.grade(input('How does batch normalisation work?', reference, answer));
    const depth = result.dimensions.find((entry) => entry.key === 'depth');
    expect(depth?.rationale).toMatch(/does not ask for trade-offs, examples or pitfalls, so none is required/);
    expect(result.improvements.join(' ')).toMatch(/To stand out, name the pitfall the model answer warns about/);
    // The pitfall block says "depends on", a when-to-use cue; its label says what it is.
    expect(result.improvements.join(' ')).not.toMatch(/when it applies/i);
  });

  it('asks plainly for the depth a question asks for', async () => {
    const result = await grader.grade(input('How does batch normalisation work, and what are its trade-offs?', reference, answer));
    const pitfall = result.improvements.find((text) => /name the pitfall/i.test(text));
    expect(pitfall).toMatch(/^(?:Next step: )?Name the pitfall the model answer warns about/);
  });

  it('gives a correct paraphrase that makes part of a point no advice to compare or complete it', async () => {
    const result = await grader.grade(
      input(
        'What is data drift?',
        'Drift means that the data a model sees in production no longer matches the data it was trained on, so its accuracy silently degrades. You detect it by comparing feature distributions over time.',
        'Drift is when production inputs stop looking like the training data. You catch it by watching feature distributions.',
      ),
    );
    const text = result.improvements.join(' ');
    expect(result.coverage?.some((point) => point.status === 'partial')).toBe(true);
    expect(text).not.toMatch(/\bComplete "|\bCompare "/);
  });
});

describe('advice without a model answer', () => {
  const noReference = (answer: string) => ({
    rubric: 'technical' as const,
    question: { id: null, text: 'What is a feature store and why would an ML team use one?', kind: 'technical' as const, topic: null },
    answer,
    reference: { answers: [], notes: [], fromRelated: false },
  });

  it('says nothing was checked against a model answer and how to have it checked, rather than nothing at all', async () => {
    const result = await grader.grade(
      noReference('A feature store is a marketplace where you can buy pre-trained models and datasets from other companies. Teams use it to avoid training their own models.'),
    );
    expect(result.improvements.join(' ')).toMatch(/no model answer for this question, so nothing in the answer was checked against one: grade it against your own reference answer/);
  });

  it('does not say so when the answer is graded against a reference', async () => {
    const result = await grader.grade(
      input('What is a feature store?', 'A feature store keeps the features models use, computed once and served the same way to training and to online inference.', 'It stores computed features and serves the same values to training and to online inference.'),
    );
    expect(result.improvements.join(' ')).not.toMatch(/no model answer for this question/);
  });

  it('does not ask for full sentences when the answer is written in them', async () => {
    const result = await grader.grade(
      noReference(
        'It holds one definition of each model input, computed once, and hands the same values to offline training and to the live service. The model then never sees two versions of an input.',
      ),
    );
    expect(result.dimensions.find((dimension) => dimension.key === 'clarity')?.rationale).toMatch(/^Clear, complete sentences/);
    expect(result.improvements.join(' ')).not.toMatch(/fragments/);
  });

  it('still asks for full sentences when the answer is fragments', async () => {
    const result = await grader.grade(noReference('Consistency. One source of values. Reuse across groups. Point-in-time correctness.'));
    expect(result.improvements.join(' ')).toMatch(/Turn fragments into full sentences/);
  });
});
