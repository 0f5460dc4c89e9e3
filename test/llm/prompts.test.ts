import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillTemplate, loadPromptTemplate, promptVersion } from '../../src/llm/prompts.js';

function promptsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'prompts-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('prompt templates', () => {
  it('ships the system, retry, key-point and rubric templates with the placeholders the grader fills', () => {
    expect([...loadPromptTemplate('system.v2').placeholders].sort()).toEqual([
      'answer_end',
      'answer_start',
      'dimension_keys',
      'reply_format',
    ]);
    expect([...loadPromptTemplate('retry.v2').placeholders].sort()).toEqual(['dimension_keys', 'issue']);
    expect([...loadPromptTemplate('key-points.v2').placeholders]).toEqual(['points']);
    for (const id of ['star.v2', 'technical.v2', 'self-presentation.v2', 'motivation.v2', 'opinion.v2', 'approach.v2', 'compensation.v2', 'explanation.v2']) {
      expect([...loadPromptTemplate(id).placeholders].sort()).toEqual([
        'answer_block',
        'dimensions',
        'examples',
        'key_points',
        'question',
        'reference',
        'rubric_title',
        'rubric_version',
      ]);
    }
  });

  it('keeps the templates older feedback was graded with, so its prompt version can still be read', () => {
    const older = ['system.v1', 'retry.v1', 'star.v1', 'technical.v1', 'self-presentation.v1', 'motivation.v1', 'opinion.v1', 'approach.v1', 'compensation.v1', 'explanation.v1'];
    for (const id of older) expect(loadPromptTemplate(id).text.length).toBeGreaterThan(100);
  });

  it('reads a file once and drops maintainer comments', () => {
    const dir = promptsDir({ 'greet.v1.md': '<!-- note for maintainers -->\nHello {{name}}.\n' });
    const template = loadPromptTemplate('greet.v1', dir);
    writeFileSync(path.join(dir, 'greet.v1.md'), 'changed on disk');

    expect(template.text).toBe('Hello {{name}}.');
    expect(loadPromptTemplate('greet.v1', dir)).toBe(template);
  });

  it('fills placeholders in one pass, so a value containing {{…}} is inserted literally', () => {
    const dir = promptsDir({ 'pair.v2.md': 'Q: {{question}}\nA: {{answer}}' });
    const text = fillTemplate(loadPromptTemplate('pair.v2', dir), { question: 'Why?', answer: 'see {{question}}' });
    expect(text).toBe('Q: Why?\nA: see {{question}}');
  });

  it('refuses to render with a placeholder left unfilled', () => {
    const dir = promptsDir({ 'pair.v1.md': '{{question}} {{answer}}' });
    expect(() => fillTemplate(loadPromptTemplate('pair.v1', dir), { question: 'q' })).toThrow(/answer/);
  });

  it('derives the prompt version from the template ids', () => {
    expect(promptVersion(loadPromptTemplate('star.v1'), loadPromptTemplate('system.v1'))).toBe('star.v1+system.v1');
  });

  it('rejects ids that are not name.vN', () => {
    expect(() => loadPromptTemplate('../secrets')).toThrow(/invalid prompt template id/);
    expect(() => loadPromptTemplate('star')).toThrow(/invalid prompt template id/);
  });
});
