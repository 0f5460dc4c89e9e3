import { describe, expect, it } from 'vitest';
import { GuideTipCategory, parseGuide, type BehaviouralMapping } from '../../src/corpus/parse-guide.js';

const guide = (questions: string) => `Guide Title
1. Technical Questions
- Python Basics: 2 Questions
Chapter 1: Python Basics
1.1 Syntax
${questions}
Chapter 2: Maths
2.1 Algebra
Q3. What is a vector?
An ordered list of numbers.
2. 50 Prompts
How to Use These Prompts
Copy them.
Section 1: Basics
Prompt 1: Overfitting
“Explain overfitting to me.”
How to Maximize Learning from These Prompts
Take your time.
3.Behavioural Preparation
Introduction to Behavioral Interviews
Why it matters.
Chapter 1: Communication
1.1 Active Listening
Listen carefully.
Chapter 3: Situation-Based Questions
3.1 Handling Difficult Team Members
The STAR Method
Use STAR.
Example Scenario
Situation: “A teammate kept delivering late.”
Task: “I had to keep the project on time.”
Key Lessons
Instead of saying “we failed,” say “we learned.”
Avoid blame.
Final Interview Preparation Tips
Practice daily.
4.ADDITIONAL PREPARATION
Introduction to Additional Preparation
Extra material.
Chapter 1: Resume
1.1 The One-Page Rule
Keep it short.
`;

const questions = `Q1. What is a list?
A mutable sequence.
Q2. What is a tuple?
An immutable sequence.`;
const mapping: BehaviouralMapping = { '3.1': 'Tell me about a time you worked with a difficult team member.' };
const parse = (text = guide(questions), map = mapping) => parseGuide(text, 'guide.txt', map);

describe('parseGuide', () => {
  it('gives each technical question its chapter as topic and the following paragraph as model answer', () => {
    const technical = parse().questions.filter((record) => record.kind === 'technical');
    expect(technical.map((record) => [record.text, record.topic, record.answers, record.sources])).toEqual([
      ['What is a list?', 'Python Basics', ['A mutable sequence.'], [{ file: 'guide.txt', line: 6 }]],
      ['What is a tuple?', 'Python Basics', ['An immutable sequence.'], [{ file: 'guide.txt', line: 8 }]],
      ['What is a vector?', 'Maths', ['An ordered list of numbers.'], [{ file: 'guide.txt', line: 12 }]],
    ]);
  });

  it('turns prompts into tips and ends the last prompt at the named closing block', () => {
    const tips = parse().tips.filter((tip) => tip.category !== GuideTipCategory.behavioural && tip.category !== GuideTipCategory.career);
    expect(tips.map((tip) => [tip.category, tip.title, tip.body])).toEqual([
      [GuideTipCategory.promptGuidance, 'How to Use These Prompts', 'Copy them.'],
      [GuideTipCategory.prompt, 'Prompt 1: Overfitting', 'Explain overfitting to me.'],
      [GuideTipCategory.promptGuidance, 'How to Maximize Learning from These Prompts', 'Take your time.'],
    ]);
  });

  it('joins the standalone quotes of a mapped section into one answer and keeps the advice as notes', () => {
    const [record] = parse().questions.filter((candidate) => candidate.kind === 'behavioural');
    expect(record).toMatchObject({
      text: 'Tell me about a time you worked with a difficult team member.',
      topic: 'Situation-Based Questions',
      answers: ['A teammate kept delivering late. I had to keep the project on time.'],
      notes: ['The STAR Method: Use STAR.', 'Key Lessons: Instead of saying “we failed,” say “we learned.” Avoid blame.'],
      expectedLevel: null,
      sources: [{ file: 'guide.txt', line: 29 }],
    });
  });

  it('turns unmapped sections, introductions and closing blocks of parts 3 and 4 into tips', () => {
    const tips = parse().tips.filter((tip) => tip.category === GuideTipCategory.behavioural || tip.category === GuideTipCategory.career);
    expect(tips.map((tip) => [tip.category, tip.title, tip.body])).toEqual([
      [GuideTipCategory.behavioural, 'Introduction to Behavioral Interviews', 'Why it matters.'],
      [GuideTipCategory.behavioural, 'Active Listening', 'Listen carefully.'],
      [GuideTipCategory.behavioural, 'Final Interview Preparation Tips', 'Practice daily.'],
      [GuideTipCategory.career, 'Introduction to Additional Preparation', 'Extra material.'],
      [GuideTipCategory.career, 'The One-Page Rule', 'Keep it short.'],
    ]);
  });

  it('rejects a mapping that names a section the guide does not have', () => {
    expect(() => parse(guide(questions), { ...mapping, '9.9': 'Why?' })).toThrow(/9\.9/);
  });

  it('keeps question ids when the questions are reordered', () => {
    const swapped = `Q2. What is a tuple?
An immutable sequence.
Q1. What is a list?
A mutable sequence.`;
    const ids = (text: string) => parse(text).questions.map((record) => record.id).sort();
    expect(ids(guide(swapped))).toEqual(ids(guide(questions)));
  });

  it('fails loudly when a part heading is missing', () => {
    expect(() => parse(guide(questions).replace('4.ADDITIONAL PREPARATION', 'Additional preparation'))).toThrow(/4 parts/);
  });
});
