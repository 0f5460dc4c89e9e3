import type { SentenceInfo } from './nlp.js';
import type { Advice, DimensionDraft } from './scoring.js';
import { wordTokens } from './terms.js';

export interface LengthBand {
  /** Fewest words of an answer of ideal length (≈ one minute spoken). */
  readonly idealMin: number;
  /** Most words of an answer of ideal length (≈ two minutes spoken). */
  readonly idealMax: number;
}

export interface Concision {
  readonly words: number;
  readonly draft: DimensionDraft;
  readonly advice: readonly Advice[];
}

function lengthScore(words: number, { idealMin, idealMax }: LengthBand): number {
  if (words < idealMin / 3) return 1;
  if (words < (idealMin * 2) / 3) return 2;
  if (words < idealMin) return 3;
  if (words <= idealMax) return 5;
  if (words <= idealMax * 1.3) return 4;
  if (words <= idealMax * 1.7) return 3;
  if (words <= idealMax * 2.3) return 2;
  return 1;
}

/** Advice on length, worded for what is being told. */
export interface LengthAdvice {
  /** Completes "At N words the answer is too short: …". */
  readonly short: string;
  /** Completes "At N words the answer runs long; …". */
  readonly long: string;
}

const STORY_ADVICE: LengthAdvice = {
  short: 'a full story needs more; aim for 120–350 words (one to two minutes)',
  long: 'cut background and keep the actions and the result',
};

/*
 * Share of the words that carry content (nouns, verbs, adjectives that are not stop words or
 * low-information words): padding — hedges, asides, "really", "kind of", "I think it's about" — lowers it.
 * Measured on the labelled behavioural set: vague and rambling answers average 0.24–0.25, solid and
 * excellent ones 0.39–0.42.
 */
function densityScore(density: number): number {
  return density >= 0.36 ? 5 : density >= 0.31 ? 4 : density >= 0.26 ? 3 : density >= 0.21 ? 2 : 1;
}

/** Below this many words the share of content words says little. */
const MIN_WORDS_FOR_DENSITY = 15;

/**
 * The padding measure applies from `densityFrom` words. It was calibrated on statements and stories; a list of
 * questions ("What does the first ninety days look like for someone in this role?") is mostly function words by
 * nature (Infinity leaves it out), and so is a short conversational answer such as a salary expectation.
 */
export function concisionOf(
  sentences: readonly SentenceInfo[],
  band: LengthBand,
  wording: LengthAdvice = STORY_ADVICE,
  densityFrom = MIN_WORDS_FOR_DENSITY,
): Concision {
  const words = sentences.reduce((sum, sentence) => sum + wordTokens(sentence).length, 0);
  const fillers = sentences.reduce((sum, sentence) => sum + (sentence.cues.get('filler') ?? 0), 0);
  const fillerShare = words === 0 ? 0 : fillers / words;
  const penalty = fillerShare > 0.03 ? 2 : fillerShare > 0.01 ? 1 : fillers > 0 ? 0.5 : 0;
  const contentWords = sentences.reduce((sum, sentence) => sum + sentence.tokens.filter((token) => token.term !== '').length, 0);
  const density = words === 0 ? 0 : contentWords / words;
  const padded = words >= Math.max(densityFrom, MIN_WORDS_FOR_DENSITY) ? densityScore(density) : 5;
  const score = Math.max(1, Math.min(Math.floor(lengthScore(words, band) - penalty), padded));
  const fillerNote = `${fillers > 0 ? ` and ${fillers} filler word${fillers === 1 ? '' : 's'}` : ''}${padded <= 3 ? `; only ${Math.round(density * 100)}% of the words carry content` : ''}`;
  const range = `${band.idealMin}–${band.idealMax}`;
  const lengthVerdict =
    words < band.idealMin ? `short of the ${range} words` : words > band.idealMax ? `beyond the ${range} words` : `within the ${range} words`;
  const advice: Advice[] = [];
  if (words < band.idealMin) {
    advice.push({ key: 'concision', text: `At ${words} words the answer is too short: ${wording.short}.` });
  } else if (words > band.idealMax) {
    advice.push({ key: 'concision', text: `At ${words} words the answer runs long; ${wording.long}.` });
  }
  if (fillerShare > 0.01) advice.push({ key: 'concision', text: `Drop filler words ("basically", "you know", "um"): ${fillers} of them in ${words} words.` });
  if (padded <= 3) {
    advice.push({
      key: 'concision',
      text: `Much of the answer is padding (only ${Math.round(density * 100)}% of its words carry content): cut hedges and asides and say the specific thing.`,
    });
  }
  return {
    words,
    draft: { score, rationale: `${words} words, ${lengthVerdict} of a one-to-two-minute answer${fillerNote}.` },
    advice,
  };
}
