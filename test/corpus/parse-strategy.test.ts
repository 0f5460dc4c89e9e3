import { describe, expect, it } from 'vitest';
import { parseStrategy, STRATEGY_CATEGORY } from '../../src/corpus/parse-strategy.js';

const strategy = `# Strategy

Here's a step-by-step preparation strategy:

1. **Understand the Basics:**
   - Review the fundamentals.
   - Learn the common algorithms.

2. **Mock Interviews:**
    - Practice with peers.

Remember to practise consistently.
`;

describe('parseStrategy', () => {
  it('turns each numbered step into a tip whose body is its bullets', () => {
    const { questions, tips } = parseStrategy(strategy, 'strategy.md');
    expect(questions).toEqual([]);
    expect(tips.map((tip) => [tip.category, tip.title, tip.body, tip.source.line])).toEqual([
      [STRATEGY_CATEGORY, 'Understand the Basics', 'Review the fundamentals.\nLearn the common algorithms.', 5],
      [STRATEGY_CATEGORY, 'Mock Interviews', 'Practice with peers.', 9],
    ]);
  });
});
