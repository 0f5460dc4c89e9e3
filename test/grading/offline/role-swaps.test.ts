import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../../src/contracts/feedback-schema.js';
import type { GradeInput } from '../../../src/grading/grader.js';
import { sideClauses } from '../../../src/grading/offline/attribution.js';
import { analyzeText, type TokenInfo } from '../../../src/grading/offline/nlp.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';

/*
 * Role swaps between two things a question compares, when what is swapped is not a pair of opposite words:
 * "processes share memory, a thread has its own" against a reference that says the reverse. The questions
 * and answers are written for these tests.
 */

const grader = createOfflineGrader();

function input(question: string, reference: string, answer: string): GradeInput {
  return {
    rubric: 'technical',
    question: { id: null, text: question, kind: 'technical', topic: null },
    answer,
    reference: { answers: [reference], notes: [], fromRelated: false },
  };
}

const correctness = (result: GradeResult) => result.dimensions.find((dimension) => dimension.key === 'correctness');
const swapNamed = (result: GradeResult): boolean => result.improvements.some((text) => text.includes('It swaps "'));

const processes = {
  question: 'What is the difference between a process and a thread?',
  reference:
    'A process has its own memory space and is isolated from other processes, so a crash in one does not bring down another. ' +
    'Threads share the memory of the process they belong to, so they are cheap to create and can communicate directly, ' +
    'but one thread corrupting memory can crash them all.',
};

const transport = {
  question: 'How does TCP differ from UDP?',
  reference:
    'TCP is connection-oriented: it guarantees delivery and order through acknowledgements and retransmission. ' +
    'UDP is connectionless and sends independent datagrams with no delivery guarantee, which makes it lighter and faster.',
};

describe('role swaps between the two things a question compares', () => {
  it('caps correctness and coverage when each side gets the other one\'s properties, and names the two things swapped', async () => {
    const swapped = await grader.grade(
      input(
        processes.question,
        processes.reference,
        'A thread has its own isolated memory space, so a crash in one does not affect the others, whereas processes share memory and are cheap to create.',
      ),
    );
    const right = await grader.grade(
      input(
        processes.question,
        processes.reference,
        'Each process gets its own memory space and is isolated, so one crashing leaves the others running; threads live inside a process and share its memory, which makes them cheap to create.',
      ),
    );
    expect(correctness(swapped)?.score).toBeLessThanOrEqual(2);
    expect(correctness(swapped)?.rationale).toMatch(/swaps "(thread|processes)" and "(thread|processes)": it says of each what the reference says of the other \(it gives "/);
    expect(swapNamed(swapped)).toBe(true);
    const coverage = swapped.dimensions.find((dimension) => dimension.key === 'coverage');
    expect(coverage?.score).toBeLessThanOrEqual(2);
    expect(coverage?.rationale).toContain('the wrong one of the two things compared');
    expect(correctness(right)?.score).toBeGreaterThanOrEqual(3);
    expect(swapNamed(right)).toBe(false);
    expect(swapped.overall).toBeLessThan(right.overall);
  });

  it('reads "X does this and Y does that" as two claims: a swap inside one clause is caught', async () => {
    const swapped = await grader.grade(input(transport.question, transport.reference, 'TCP sends independent datagrams and UDP guarantees delivery and order with acknowledgements.'));
    expect(correctness(swapped)?.score).toBeLessThanOrEqual(2);
    expect(swapNamed(swapped)).toBe(true);
  });

  it('leaves alone a correct answer in its own words, and one that strays into a word of each other side ("lighter" of TCP) among many of their own', async () => {
    const paraphrase = await grader.grade(
      input(
        transport.question,
        transport.reference,
        'TCP sets up a connection and guarantees that data arrives, in order, resending whatever is lost; UDP just fires off datagrams with no guarantee, so it is lighter.',
      ),
    );
    const straying = await grader.grade(
      input(
        transport.question,
        transport.reference,
        'TCP is connection-oriented and guarantees delivery and order through acknowledgements, and on a modern stack its overhead is lighter than people expect; ' +
          'UDP is connectionless and sends independent datagrams, leaving any retransmission to the application.',
      ),
    );
    expect(swapNamed(paraphrase)).toBe(false);
    expect(swapNamed(straying)).toBe(false);
    expect(correctness(paraphrase)?.score).toBeGreaterThanOrEqual(3);
  });
});

describe('which of two compared things a clause is about', () => {
  const sides = (text: string, a: string, b: string) => {
    const [sentence] = analyzeText(text);
    if (!sentence) throw new Error('no sentence');
    const nameOf = (token: TokenInfo) => (token.normal === a ? 0 : token.normal === b ? 1 : null);
    return sideClauses(sentence, nameOf).map((clause) => clause.side);
  };

  it('splits "arange takes … and linspace takes …" into a claim about each', () => {
    expect(sides('arange takes the number of points you want and linspace takes a step size.', 'arange', 'linspace')).toEqual([0, 1]);
  });

  it('keeps "lists and tuples are ordered" one claim about both', () => {
    expect(sides('Both lists and tuples are ordered sequences.', 'lists', 'tuples')).toEqual([null]);
  });

  it('carries a clause that names neither on to the thing of the clause before it', () => {
    expect(sides('loc is label-based, so you give it names, while iloc takes positions.', 'loc', 'iloc')).toEqual([0, 0, 1]);
  });
});
