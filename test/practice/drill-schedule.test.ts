import { describe, expect, it } from 'vitest';
import { BOX_INTERVALS_MS, nextBox, schedule } from '../../src/practice/drill-schedule.js';

describe('drill schedule (Leitner boxes)', () => {
  it('moves a question up a box on a good answer, keeps it on a middling one and sends it back to box 1 on a poor or missing one', () => {
    expect(nextBox(undefined, 4.2)).toBe(2);
    expect(nextBox(undefined, 3.4)).toBe(1);
    expect(nextBox(3, 3.4)).toBe(3);
    expect(nextBox(4, 2.9)).toBe(1);
    expect(nextBox(4, null)).toBe(1);
    expect(nextBox(5, 5)).toBe(5);
  });

  it('replays attempts in time order and dates the next review from the latest one', () => {
    const scheduled = schedule([
      { questionId: 'q', at: 3_000, overall: 4.5 },
      { questionId: 'q', at: 1_000, overall: 4.1 },
      { questionId: 'q', at: 2_000, overall: 4.8 },
      { questionId: 'p', at: 1_000, overall: 4.8 },
      { questionId: 'p', at: 2_000, overall: 1.5 },
    ]);
    expect(scheduled.get('q')).toMatchObject({ box: 4, attempts: 3, lastAt: 3_000, dueAt: 3_000 + BOX_INTERVALS_MS[3] });
    expect(scheduled.get('p')).toMatchObject({ box: 1, lastOverall: 1.5, dueAt: 2_000 + BOX_INTERVALS_MS[0] });
  });
});
