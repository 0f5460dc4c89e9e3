import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../src/corpus/parse-notebook.js';

const notebook = `# 🎯 Guide

### **1. Fundamentals** (Questions 1-20)
- Bias-variance tradeoff

---
# 📘 SECTION 1: Fundamentals
---

## Q1: What is overfitting?

**Expected Level:** Junior

**Answer:**

Overfitting is memorising noise.

\`\`\`python
# a comment in code, not a heading
model.fit(X)
\`\`\`

**Common Pitfalls:**
1. ❌ Tuning on the test set

**Interview Follow-ups:**
- "How do you detect it?" → learning curves

**Interview Answer Template:**
"It is memorising noise."

---

## 📚 Question Bank

### Fundamentals (Continued)
- Q5: ROC curve and AUC
- Q6-20: More fundamentals...
`;

describe('parseNotebook', () => {
  const { questions, tips } = parseNotebook(notebook, 'notebook.md');
  const [answered, listed] = questions;

  it('keeps the whole markdown answer, code comments included, under the SECTION topic', () => {
    expect(questions).toHaveLength(2);
    expect(answered).toMatchObject({ kind: 'technical', text: 'What is overfitting?', topic: 'Fundamentals', expectedLevel: 'Junior' });
    expect(answered?.answers).toEqual([
      'Overfitting is memorising noise.\n\n```python\n# a comment in code, not a heading\nmodel.fit(X)\n```\n\n**Interview Answer Template:**\n"It is memorising noise."',
    ]);
    expect(answered?.sources).toEqual([{ file: 'notebook.md', line: 10 }]);
  });

  it('takes follow-up questions without their hints and keeps pitfalls and hints as notes', () => {
    expect(answered?.followUps).toEqual(['How do you detect it?']);
    expect(answered?.notes).toEqual([
      'Common Pitfalls:\n1. ❌ Tuning on the test set',
      'Interview Follow-ups:\n- "How do you detect it?" → learning curves',
    ]);
  });

  it('lists answer-less titles under their group heading and skips range placeholders', () => {
    expect(listed).toMatchObject({ text: 'ROC curve and AUC', topic: 'Fundamentals', answers: [], expectedLevel: null });
    expect(listed?.sources).toEqual([{ file: 'notebook.md', line: 37 }]);
    expect(tips).toEqual([]);
  });
});
