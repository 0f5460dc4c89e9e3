import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CorpusFile, loadBehaviouralMapping, parseCorpus } from '../../src/corpus/parse-corpus.js';
import { GuideTipCategory, parseGuide } from '../../src/corpus/parse-guide.js';
import type { ParsedCorpus, QuestionRecord } from '../../src/contracts/question-schema.js';
import { normaliseText } from '../../src/corpus/text-utils.js';

const corpusDir = fileURLToPath(new URL('../../data/corpus/', import.meta.url));
const mappingFile = fileURLToPath(new URL('../../data/behavioural-questions.json', import.meta.url));
const mapping = loadBehaviouralMapping(mappingFile);

const linesOf = new Map<string, string[]>();
function lineAt(file: string, line: number): string {
  let lines = linesOf.get(file);
  if (lines === undefined) {
    lines = readFileSync(`${corpusDir}/${file}`, 'utf8').split(/\r?\n/);
    linesOf.set(file, lines);
  }
  return lines[line - 1] ?? '';
}

let corpus: ParsedCorpus;
beforeAll(() => {
  corpus = parseCorpus(corpusDir);
});

const fromFile = (file: string): QuestionRecord[] =>
  corpus.questions.filter((question) => question.sources.some((source) => source.file === file));
const tipsIn = (category: string) => corpus.tips.filter((tip) => tip.category === category);
function question(text: string): QuestionRecord {
  const found = corpus.questions.find((record) => normaliseText(record.text) === normaliseText(text));
  if (found === undefined) throw new Error(`no question "${text}"`);
  return found;
}

describe('guide', () => {
  it('finds the 350 technical questions, each with a model answer under one of 13 chapter topics', () => {
    const technical = fromFile(CorpusFile.guide).filter((record) => record.kind === 'technical');
    expect(technical).toHaveLength(350);
    expect(technical.every((record) => record.answers.length === 1 && (record.answers[0] ?? '').length > 0)).toBe(true);
    expect(new Set(technical.map((record) => record.topic)).size).toBe(13);
    expect(question('What are the main data types in Python used for machine learning?').topic).toBe(
      'Python Programming Fundamentals',
    );
    expect(question('What are skip connections?').topic).toBe('Introduction to Neural Networks with Keras');
  });

  it('turns the 50 self-preparation prompts into tips holding the unquoted prompt text', () => {
    const prompts = tipsIn(GuideTipCategory.prompt);
    expect(prompts).toHaveLength(50);
    expect(prompts.every((tip) => /^Prompt \d+: \S/.test(tip.title))).toBe(true);
    expect(prompts[0]?.body).toMatch(/^Explain machine learning to me as if I’m a complete beginner/);
    expect(prompts.some((tip) => /[“”]$|^[“”]/.test(tip.body))).toBe(false);
  });

  it('asks all 44 mapped behavioural sections as questions, 37 of them with a sample answer from the guide', () => {
    const guideOnly = parseGuide(readFileSync(`${corpusDir}/${CorpusFile.guide}`, 'utf8'), CorpusFile.guide, mapping);
    const behavioural = guideOnly.questions.filter((record) => record.kind === 'behavioural');
    expect(Object.keys(mapping)).toHaveLength(44);
    expect(behavioural).toHaveLength(44);
    expect(behavioural.filter((record) => record.answers.length === 1)).toHaveLength(37);
    expect(behavioural.every((record) => record.answers.length <= 1 && record.notes.length > 0)).toBe(true);
  });

  it('joins the quoted STAR parts of section 3.1 into one answer and keeps its advice as notes', () => {
    const record = question('Tell me about a time you worked with a difficult team member.');
    expect(record.topic).toBe('Situation-Based Questions');
    expect(record.answers).toEqual([
      expect.stringMatching(
        /^In my last project, I worked with a data engineer .* meeting project deadlines\. I scheduled a one-on-one .* Deliveries improved significantly\. .* before jumping to conclusions\.$/,
      ),
    ]);
    expect(record.answers[0]).not.toMatch(/[“”]|Situation:|Result:/);
    expect(record.notes).toContainEqual(expect.stringMatching(/^The STAR Method: Structure situation-based answers/));
  });

  it('joins the framework lines of "Tell me about yourself" in order and keeps their lead-ins as advice', () => {
    const record = question('Tell me about yourself.');
    expect(record.answers).toHaveLength(1);
    expect(record.answers[0]).toMatch(/^I’m currently a data scientist .* Before that, .* I’m particularly excited about this role/);
    expect(record.notes).toContain(
      'Sample Framework: Start with your current or most recent role and key accomplishments. Move to relevant background. Conclude with motivation.',
    );
  });

  it('keeps quotes that only illustrate wording inside a sentence as advice, not as answers', () => {
    const record = question('What measurable impact did your project have?');
    expect(record.answers).toEqual([]);
    expect(record.notes.join(' ')).toContain('say “increased accuracy from 78% to 91%');
  });

  it('turns unmapped sections, introductions and closing blocks into coaching tips', () => {
    const behavioural = tipsIn(GuideTipCategory.behavioural).map((tip) => tip.title);
    expect(behavioural).toEqual([
      'Introduction to Behavioral Interviews',
      'Effective Technical Communication',
      'Active Listening Skills',
      'Body Language and Non-Verbal Communication',
      'Email and Professional Writing',
      'Final Interview Preparation Tips',
    ]);
    expect(tipsIn(GuideTipCategory.promptGuidance).map((tip) => tip.title)).toEqual([
      'How to Use These Prompts Effectively',
      'How to Maximize Learning from These Prompts',
    ]);
    const career = tipsIn(GuideTipCategory.career);
    // 62 numbered sections plus the part's introduction and conclusion.
    expect(career).toHaveLength(64);
    expect(career.find((tip) => tip.title === 'MLOps and Deployment Tools')?.body).not.toContain('Final Words');
  });
});

describe('notebook', () => {
  const answered = () => fromFile(CorpusFile.notebook).filter((record) => record.answers.length > 0);

  it('finds the 5 questions with an expected level and a full markdown model answer', () => {
    expect(answered().map((record) => [record.text, record.expectedLevel, record.topic])).toEqual([
      ['What is the bias-variance tradeoff? Explain with an example.', 'Junior to Mid', 'Machine Learning Fundamentals'],
      ['Explain overfitting. How do you detect and prevent it?', 'Junior', 'Machine Learning Fundamentals'],
      ['What is cross-validation and why do we need it?', 'Junior', 'Machine Learning Fundamentals'],
      ['Explain precision, recall, and F1-score. When would you optimize for each?', 'Junior to Mid', 'Machine Learning Fundamentals'],
      ["Explain how Random Forest works and why it's better than a single decision tree.", 'Mid', 'Algorithm Deep Dive'],
    ]);
    expect(question('What is cross-validation and why do we need it?').answers[0]).toContain('**Interview Answer Template:**');
  });

  it('extracts follow-up questions as text only, where the notebook has them', () => {
    // Q2–Q4 carry no follow-up section in the source, so they have none.
    expect(answered().map((record) => record.followUps)).toEqual([
      ['How do you handle the tradeoff in practice?', 'Can you reduce both?', 'Give a real example from your work'],
      [],
      [],
      [],
      ['Why random feature selection?'],
    ]);
  });

  it('moves mistakes, pitfalls and pro tips out of the model answer into notes', () => {
    const crossValidation = question('What is cross-validation and why do we need it?');
    expect(crossValidation.notes).toEqual([expect.stringMatching(/^Common Pitfalls:\n[\s\S]*Shuffling time series data$/)]);
    expect(crossValidation.answers[0]).not.toContain('Common Pitfalls');
    const overfitting = question('Explain overfitting. How do you detect and prevent it?');
    expect(overfitting.notes.map((note) => note.split('\n')[0])).toEqual(['Interview Pro Tip:', 'Common Mistake to Avoid:']);
  });

  it('lists the 31 titles without answers under their group heading, skipping range placeholders', () => {
    const titles = fromFile(CorpusFile.notebook).filter((record) => record.answers.length === 0);
    expect(titles).toHaveLength(31);
    expect(titles.some((record) => /More|\.\.\./.test(record.text))).toBe(false);
    expect(question('ROC curve and AUC').topic).toBe('Machine Learning Fundamentals');
    expect(new Set(titles.map((record) => record.topic))).toEqual(
      new Set(['Machine Learning Fundamentals', 'Algorithms', 'Deep Learning', 'System Design & Production', 'Statistics & Math', 'Coding Challenges']),
    );
  });
});

describe('candidate answers', () => {
  it('keeps a sample answer for each of the 30 questions of the first candidate', () => {
    const records = fromFile(CorpusFile.candidateA);
    expect(records).toHaveLength(30);
    expect(records.every((record) => record.answers.length >= 1)).toBe(true);
    expect(records.some((record) => record.text === 'How Do You Handle Feedback on Your Work?')).toBe(true);
  });

  it('stores the two different self-introductions as two answers of one question', () => {
    const record = question('Introduce Yourself');
    expect(record.answers).toHaveLength(2);
    expect(record.answers.map((answer) => answer.slice(0, 30))).toEqual([
      'Hello, my name is Harsh Bopali',
      'Hello, my name is Muhammad She',
    ]);
    expect(record.sources.map((source) => source.file)).toEqual([CorpusFile.candidateA, CorpusFile.candidateB]);
  });

  it('stores an answer repeated word for word by the second candidate once', () => {
    const record = question('What Are Your Strengths?');
    expect(record.answers).toHaveLength(1);
    expect(record.sources.map((source) => source.file)).toEqual([CorpusFile.candidateA, CorpusFile.candidateB]);
  });

  it('drops the answer cut off at the end of the second file and keeps the first candidate’s', () => {
    const record = question('How Do You Keep Yourself Motivated and Productive When Working on Long-Term Projects?');
    expect(record.answers).toHaveLength(1);
    expect(record.answers[0]).toMatch(/^I stay motivated .* keep my enthusiasm high\.$/);
    expect(record.sources.map((source) => source.file)).toEqual([CorpusFile.candidateA, CorpusFile.candidateB]);
  });

  it('stores no truncated behavioural answer anywhere', () => {
    const answers = corpus.questions.filter((record) => record.kind === 'behavioural').flatMap((record) => record.answers);
    expect(answers.filter((answer) => !/[.!?…]$/.test(answer))).toEqual([]);
  });
});

describe('whole corpus', () => {
  it('merges a question asked in several documents into one record', () => {
    const record = question('How do you handle tight deadlines?');
    expect(record.sources.map((source) => source.file)).toEqual([CorpusFile.guide, CorpusFile.candidateA, CorpusFile.candidateB]);
    expect(record.answers).toHaveLength(2);
    const keys = corpus.questions.map((record) => `${record.kind}:${normaliseText(record.text)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('turns the 16 strategy steps into tips with their bullets as body', () => {
    const strategy = tipsIn('strategy');
    expect(strategy).toHaveLength(16);
    expect(strategy[0]).toMatchObject({ title: 'Understand the Basics', source: { file: CorpusFile.strategy, line: 16 } });
    expect(strategy[2]?.body.split('\n')).toHaveLength(2);
  });

  it('gives every record null expected level unless it comes from the notebook', () => {
    const withLevel = corpus.questions.filter((record) => record.expectedLevel !== null);
    expect(withLevel).toHaveLength(5);
    expect(withLevel.every((record) => record.sources[0]?.file === CorpusFile.notebook)).toBe(true);
  });

  it('derives the same unique ids on every parse', () => {
    const again = parseCorpus(corpusDir);
    const questionIds = corpus.questions.map((record) => record.id);
    const tipIds = corpus.tips.map((tip) => tip.id);
    expect(again.questions.map((record) => record.id)).toEqual(questionIds);
    expect(again.tips.map((tip) => tip.id)).toEqual(tipIds);
    expect(new Set([...questionIds, ...tipIds]).size).toBe(questionIds.length + tipIds.length);
    expect(questionIds.every((id) => /^q_[0-9a-f]{16}$/.test(id))).toBe(true);
    expect(tipIds.every((id) => /^t_[0-9a-f]{16}$/.test(id))).toBe(true);
  });

  it('points every source at the line holding the question heading', () => {
    for (const record of corpus.questions) {
      for (const { file, line } of record.sources) {
        const heading = lineAt(file, line);
        const section = /^(\d+\.\d+) /.exec(heading)?.[1];
        const asked = file === CorpusFile.guide && record.kind === 'behavioural' && section !== undefined ? mapping[section] : heading;
        expect(normaliseText(asked ?? ''), `${file}:${line}`).toContain(normaliseText(record.text));
      }
    }
    for (const tip of corpus.tips) {
      expect(lineAt(tip.source.file, tip.source.line), `${tip.source.file}:${tip.source.line}`).toContain(tip.title);
    }
  });
});
