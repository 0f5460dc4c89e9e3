import type { SentenceInfo } from './nlp.js';

/*
 * Code says which data a call is made on: "scaler.transform(X_test)" applies the training statistics to the test set,
 * "scaler.fit_transform(X_test)" refits the scaler on it (leakage), and both read as the same words. An answer's call
 * contradicts the reference's code when it is made on the same object with an action the reference takes on that
 * object only with other data, and on data the reference gives that object another action: the reference fits
 * `scaler` on X_train and only transforms X_test, so fitting it on X_test says what the reference does not; the
 * reference fits `model` on X_train and scores it on X_test, so `model.fit(X_test, y_test)` trains on the test set.
 * A call on data the reference never gives that object ("model.fit(X, y)") is not read: the reference says nothing
 * about it.
 */

/** A method call with the names it is given: "scaler.fit_transform(X_test)" is on `scaler`, does fit_transform, fit and transform, on X_test. */
export interface CodeCall {
  readonly receiver: string;
  readonly method: string;
  /** The method and the actions its name joins ("fit_transform": fit, transform). */
  readonly actions: readonly string[];
  /** Its positional arguments that are plain names (data): settings ("cv=5") and expressions are not read. */
  readonly data: readonly string[];
  /** The call as written. */
  readonly text: string;
}

/** A reference's call with the line it is on, to quote. */
export interface ReferenceCall extends CodeCall {
  readonly line: string;
}

const CALL_START = /([A-Za-z_]\w*)\.([A-Za-z_]\w*)\(/g;
const NAME = /^[A-Za-z_]\w*$/;
/** A call's arguments close within this many characters; a longer run is prose in brackets or unbalanced. */
const MAX_CALL_CHARS = 200;

/** The arguments of the call whose bracket opens at `open`, split at its top-level commas; undefined when they do not close. */
function argumentsAt(text: string, open: number): { readonly args: string[]; readonly end: number } | undefined {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let index = open; index < Math.min(text.length, open + MAX_CALL_CHARS); index += 1) {
    const char = text[index];
    if (char === '(' || char === '[' || char === '{') depth += 1;
    else if (char === ')' || char === ']' || char === '}') {
      depth -= 1;
      if (depth === 0) {
        args.push(text.slice(start, index).trim());
        return { args: args.filter((arg) => arg !== ''), end: index + 1 };
      }
    } else if (char === ',' && depth === 1) {
      args.push(text.slice(start, index).trim());
      start = index + 1;
    }
  }
  return undefined;
}

/** The method calls written in a text. */
export function callsIn(text: string): CodeCall[] {
  if (!text.includes('.') || !text.includes('(')) return [];
  const calls: CodeCall[] = [];
  for (const match of text.matchAll(CALL_START)) {
    const [whole, receiver = '', method = ''] = match;
    const open = match.index + whole.length - 1;
    const read = argumentsAt(text, open);
    if (read === undefined) continue;
    const parts = method.split('_').filter((part) => part !== '');
    calls.push({
      receiver,
      method,
      actions: parts.length > 1 ? [method, ...parts] : [method],
      data: read.args.filter((arg) => NAME.test(arg)),
      text: text.slice(match.index, read.end),
    });
  }
  return calls;
}

/** The calls of the reference answers, each with its line (markdown markers left out). */
export function referenceCallsOf(answers: readonly string[]): ReferenceCall[] {
  return answers.flatMap((answer) =>
    answer.split('\n').flatMap((raw) => {
      const line = raw.replace(/^\s*(?:[-*+•]|\d+[.)]|#{1,6})\s+/, '').replace(/\*\*|`/g, '').trim();
      return callsIn(line).map((call) => ({ ...call, line }));
    }),
  );
}

/** An answer's call that contradicts the reference's code, with the reference's call on the same data. */
export interface CallContradiction {
  readonly sentence: SentenceInfo;
  readonly call: CodeCall;
  readonly action: string;
  readonly datum: string;
  /** What the reference does with that object on that data. */
  readonly reference: ReferenceCall;
  /** The reference's calls taking the action, on other data. */
  readonly referenceActions: readonly ReferenceCall[];
}

/** What is wrong in the call, in words: ""scaler.fit_transform(X_test)" fits on "X_test", where the reference's code…". */
export function describeCallContradiction({ call, action, datum, reference, referenceActions }: CallContradiction): string {
  const actions = [...new Set(referenceActions.map((candidate) => `"${candidate.text}"`))].slice(0, 2).join(' and ');
  return `"${call.text}" calls ${action} on "${datum}", where the reference's code calls it only in ${actions} and gives "${datum}" to ${reference.method} ("${reference.text}")`;
}

/** The first call of each answer sentence that contradicts the reference's calls (see above). */
export function contradictingCalls(sentences: readonly SentenceInfo[], referenceCalls: readonly ReferenceCall[]): CallContradiction[] {
  if (referenceCalls.length === 0) return [];
  const found: CallContradiction[] = [];
  for (const sentence of sentences) {
    const contradiction = callsIn(sentence.text)
      .flatMap((call) => call.data.flatMap((datum) => call.actions.map((action) => contradictionOf(sentence, call, action, datum, referenceCalls))))
      .find((candidate) => candidate !== undefined);
    if (contradiction) found.push(contradiction);
  }
  return found;
}

function contradictionOf(
  sentence: SentenceInfo,
  call: CodeCall,
  action: string,
  datum: string,
  referenceCalls: readonly ReferenceCall[],
): CallContradiction | undefined {
  const onReceiver = referenceCalls.filter((candidate) => candidate.receiver === call.receiver);
  const sameAction = onReceiver.filter((candidate) => candidate.actions.includes(action) && candidate.data.length > 0);
  if (sameAction.length === 0 || sameAction.some((candidate) => candidate.data.includes(datum))) return undefined;
  const onDatum = onReceiver.find((candidate) => candidate.data.includes(datum) && !candidate.actions.includes(action));
  if (onDatum === undefined) return undefined;
  return { sentence, call, action, datum, reference: onDatum, referenceActions: sameAction };
}
