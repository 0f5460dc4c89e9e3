import type { CoachingTip, ParsedDocument } from '../contracts/question-schema.js';
import { createTip, splitLines } from './text-utils.js';

export const STRATEGY_CATEGORY = 'strategy';

const STEP = /^\d+\.\s+\*\*(.+?):?\*\*\s*$/;
const BULLET = /^\s+-\s+(\S.*)$/;

interface Step {
  title: string;
  line: number;
  bullets: string[];
}

/** `N. **Title:**` steps, each followed by indented `- …` bullets; other prose is framing. */
export function parseStrategy(text: string, fileName: string): ParsedDocument {
  const steps: Step[] = [];
  let open: Step | null = null;
  for (const [index, line] of splitLines(text).entries()) {
    const title = STEP.exec(line)?.[1];
    const bullet = BULLET.exec(line)?.[1];
    if (title !== undefined) {
      open = { title: title.trim(), line: index + 1, bullets: [] };
      steps.push(open);
    } else if (bullet !== undefined && open !== null) {
      open.bullets.push(bullet.trim());
    } else if (line.trim() !== '') {
      open = null;
    }
  }
  const tips: CoachingTip[] = steps.map((step) =>
    createTip(STRATEGY_CATEGORY, step.title, step.bullets.join('\n'), fileName, step.line),
  );
  return { questions: [], tips };
}
