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
  /** Made on a new object ("StandardScaler().fit(X)"): the receiver is its class, which the reference may name otherwise. */
  readonly created: boolean;
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

/** "scaler.fit(", and a new object's call, "StandardScaler().fit(" (its receiver: the class, `created`). */
const CALL_START = /([A-Za-z_]\w*)(\(\))?\.([A-Za-z_]\w*)\(/g;
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
    const [whole, receiver = '', created, method = ''] = match;
    const open = match.index + whole.length - 1;
    const read = argumentsAt(text, open);
    if (read === undefined) continue;
    const parts = method.split('_').filter((part) => part !== '');
    calls.push({
      receiver,
      created: created !== undefined,
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
  /** The name the answer's call is made on when it holds `datum`: the answer's own code splits it into parts. */
  readonly holder: string | undefined;
  /** What the reference does with that object on that data. */
  readonly reference: ReferenceCall;
  /** The reference's calls taking the action, on other data. */
  readonly referenceActions: readonly ReferenceCall[];
}

/** What is wrong in the call, in words: ""scaler.fit_transform(X_test)" calls fit on "X_test", where the reference's code…". */
export function describeCallContradiction({ call, action, datum, holder, reference, referenceActions }: CallContradiction): string {
  const actions = [...new Set(referenceActions.map((candidate) => `"${candidate.text}"`))].slice(0, 2).join(' and ');
  const on = holder === undefined ? `"${datum}"` : `"${holder}", which holds "${datum}"`;
  return `"${call.text}" calls ${action} on ${on}, where the reference's code calls it only in ${actions} and gives "${datum}" to ${reference.method} ("${reference.text}")`;
}

/** Names given the parts of one call's result: "X_train, X_test, y_train, y_test = train_test_split(X, y, …)". */
const SPLIT = /^\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+)\s*=\s*[A-Za-z_][\w.]*\(/;

/**
 * The parts the answer's code splits a name into: a call whose result is given to several names makes each of them
 * a part of every name it is given ("…, X_test, … = train_test_split(X, y)": "X" holds "X_test"). A row of calls
 * ("X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)") splits nothing.
 */
function partsOf(sentences: readonly SentenceInfo[]): ReadonlyMap<string, ReadonlySet<string>> {
  const parts = new Map<string, Set<string>>();
  for (const { text } of sentences) {
    const split = SPLIT.exec(text);
    if (split === null) continue;
    const call = callAt(text, split[0].length - 1);
    if (call === undefined || call.end < text.replace(/[\s;]+$|\s+#.*$/, '').length) continue;
    const names = (split[1] ?? '').split(',').map((name) => name.trim());
    for (const whole of call.data) {
      if (names.includes(whole)) continue;
      const known = parts.get(whole) ?? new Set<string>();
      for (const name of names) known.add(name);
      parts.set(whole, known);
    }
  }
  return parts;
}

/** The call whose bracket opens at `open`: its plain-name arguments and where it ends. */
function callAt(text: string, open: number): { readonly data: readonly string[]; readonly end: number } | undefined {
  const read = argumentsAt(text, open);
  return read === undefined ? undefined : { data: read.args.filter((arg) => NAME.test(arg)), end: read.end };
}

/** The first call of each answer sentence that contradicts the reference's calls (see above). */
export function contradictingCalls(sentences: readonly SentenceInfo[], referenceCalls: readonly ReferenceCall[]): CallContradiction[] {
  if (referenceCalls.length === 0) return [];
  const parts = partsOf(sentences);
  const receivers = new Set(referenceCalls.map((call) => call.receiver));
  const found: CallContradiction[] = [];
  for (const sentence of sentences) {
    const contradiction = callsIn(sentence.text)
      .flatMap((call) =>
        call.data.flatMap((written) =>
          [written, ...(parts.get(written) ?? [])].flatMap((datum) =>
            call.actions.map((action) => contradictionOf(sentence, call, action, datum, datum === written ? undefined : written, referenceCalls, receivers)),
          ),
        ),
      )
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
  holder: string | undefined,
  referenceCalls: readonly ReferenceCall[],
  receivers: ReadonlySet<string>,
): CallContradiction | undefined {
  // A new object ("StandardScaler().fit(X)") may be the one the reference names ("scaler"): any of its objects is.
  const sameObject = (candidate: ReferenceCall): boolean => candidate.receiver === call.receiver || (call.created && !receivers.has(call.receiver));
  const onReceiver = referenceCalls.filter(sameObject);
  for (const receiver of new Set(onReceiver.map((candidate) => candidate.receiver))) {
    const own = onReceiver.filter((candidate) => candidate.receiver === receiver);
    const sameAction = own.filter((candidate) => candidate.actions.includes(action) && candidate.data.length > 0);
    // The reference taking the action on the name the answer writes ("tree.predict(X)", where X holds a bootstrap
    // sample the tree was fitted on) is the reference's own call.
    if (sameAction.length === 0 || sameAction.some((candidate) => candidate.data.includes(datum) || (holder !== undefined && candidate.data.includes(holder)))) continue;
    const onDatum = own.find((candidate) => candidate.data.includes(datum) && !candidate.actions.includes(action));
    if (onDatum !== undefined) return { sentence, call, action, datum, holder, reference: onDatum, referenceActions: sameAction };
  }
  return undefined;
}

/*
 * Code runs in the order it is written: a training loop that calls loss.backward() before the loss is computed, or
 * clears the gradients between backward() and step(), does something else than the reference's "clear the gradients
 * with optimizer.zero_grad(), run the forward pass output = model(x), compute loss = criterion(output, y), call
 * loss.backward(), then optimizer.step()". The reference's order is read only from a sentence that states one (a
 * sequence cue: "then", "finally"…; a code block may hold independent snippets in any order), the answer's from its
 * consecutive lines of code, a call nested in another running first ("criterion(model(x), y)": model, then criterion).
 * A rotation of a cycle is the same loop ("…optimizer.step(); optimizer.zero_grad()" at the end of each iteration).
 */

/** A call's key in an order: "optimizer.zero_grad", or a function's name ("criterion", "model"). */
const ORDERED_CALL = /(?:([A-Za-z_]\w*)\.)?([A-Za-z_]\w*)\(/g;
/** Words before a bracket that are no call. */
const NOT_CALLED: ReadonlySet<string> = new Set(['if', 'for', 'while', 'with', 'return', 'in', 'and', 'or', 'not', 'print', 'e', 'i', 'eg', 'ie']);
/** Calls an order needs in common with the reference's: two are one pair, which a rotation of a cycle cannot be told from. */
const MIN_ORDERED_CALLS = 3;

/** The calls of a text in the order they run: by where their brackets close. */
export function callOrder(text: string): string[] {
  if (!text.includes('(')) return [];
  const found: { readonly key: string; readonly end: number }[] = [];
  for (const match of text.matchAll(ORDERED_CALL)) {
    const [whole, receiver, name = ''] = match;
    if (NOT_CALLED.has(name.toLowerCase()) || /\.\w*$/.test(text.slice(0, match.index))) continue;
    const read = argumentsAt(text, match.index + whole.length - 1);
    if (read !== undefined) found.push({ key: receiver === undefined ? name : `${receiver}.${name}`, end: read.end });
  }
  return found.sort((a, b) => a.end - b.end).map((call) => call.key);
}

/** A sequence of calls the reference states in one sentence, with that sentence. */
export interface ReferenceCallOrder {
  readonly calls: readonly string[];
  readonly text: string;
  /** It says it repeats ("for each mini-batch"): a rotation of it is the same loop. */
  readonly cycle: boolean;
}

/** The sequences of calls the reference's sentences state (`ordered`: the sentence states a sequence). */
export function referenceCallOrders(texts: readonly string[], ordered: (text: string) => boolean, repeats: RegExp): ReferenceCallOrder[] {
  return texts.flatMap((text) => {
    if (!ordered(text)) return [];
    const calls = callOrder(text);
    return new Set(calls).size >= MIN_ORDERED_CALLS ? [{ calls, text, cycle: repeats.test(text) }] : [];
  });
}

/** The answer's code that runs the reference's calls in another order: the call run too late and the one it follows. */
export interface CallOrderContradiction {
  readonly sentence: SentenceInfo;
  readonly reference: ReferenceCallOrder;
  readonly late: string;
  readonly before: string;
}

/** Keys said once in a sequence: a call made twice has no place of its own. */
const once = (calls: readonly string[]): Set<string> => new Set(calls.filter((call) => calls.indexOf(call) === calls.lastIndexOf(call)));

/** Whether `order` is `reference` started from another of its steps. */
function isRotation(order: readonly string[], reference: readonly string[]): boolean {
  const start = reference.indexOf(order[0] ?? '');
  return start >= 0 && order.every((call, index) => reference[(start + index) % reference.length] === call);
}

/**
 * Runs of the answer's consecutive lines of code whose calls the reference's order sentences place otherwise
 * (`isCode` tells a line of code, `loops` a loop's header).
 */
export function misorderedCalls(
  sentences: readonly SentenceInfo[],
  orders: readonly ReferenceCallOrder[],
  isCode: (sentence: SentenceInfo) => boolean,
  loops: (sentence: SentenceInfo) => boolean,
): CallOrderContradiction[] {
  if (orders.length === 0) return [];
  const runs: SentenceInfo[][] = [];
  sentences.forEach((sentence, index) => {
    if (!isCode(sentence)) return;
    const previous = sentences[index - 1];
    if (previous !== undefined && isCode(previous) && runs.length > 0) runs.at(-1)?.push(sentence);
    else runs.push([sentence]);
  });
  const found: CallOrderContradiction[] = [];
  for (const run of runs) {
    const placed = run.flatMap((sentence) => callOrder(sentence.text).map((call) => ({ call, sentence })));
    const answerOnce = once(placed.map(({ call }) => call));
    const looped = run.some(loops);
    for (const reference of orders) {
      const referenceOnce = once(reference.calls);
      const common = placed.filter(({ call }) => answerOnce.has(call) && referenceOnce.has(call));
      if (common.length < MIN_ORDERED_CALLS) continue;
      const referenceOrder = reference.calls.filter((call) => common.some((placedCall) => placedCall.call === call));
      const answerOrder = common.map(({ call }) => call);
      if (answerOrder.every((call, index) => referenceOrder[index] === call)) continue;
      if ((reference.cycle || looped) && isRotation(answerOrder, referenceOrder)) continue;
      // The first call run after one the reference runs after it.
      const at = answerOrder.findIndex((call, index) => answerOrder.slice(0, index).some((earlier) => referenceOrder.indexOf(earlier) > referenceOrder.indexOf(call)));
      const late = common[at];
      const before = answerOrder.slice(0, at).reverse().find((earlier) => referenceOrder.indexOf(earlier) > referenceOrder.indexOf(late?.call ?? ''));
      if (late !== undefined && before !== undefined) {
        found.push({ sentence: late.sentence, reference, late: late.call, before });
        break;
      }
    }
  }
  return found;
}

/** What is wrong in the order, in words. */
export function describeCallOrder({ late, before }: CallOrderContradiction): string {
  return `"${late}()" runs after "${before}()", where the reference's order runs it before`;
}
