/**
 * Longest run of non-space characters wink is given. Its tokenizer tries an e-mail pattern at every
 * position of an unknown run, so a run costs the square of its length (a 12,000-character one took
 * seconds); no word, number or link in an answer is this long.
 *
 * A module of its own so that the server's event loop, which only estimates an answer's tokens
 * (bounded-grader.ts), does not load nlp.ts: importing it loads wink's language model, about 50 ms of
 * start-up and tens of MB that only the grading threads use.
 */
export const MAX_RUN_CHARS = 100;
