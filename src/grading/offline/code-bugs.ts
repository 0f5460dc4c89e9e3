import { codeLineOf } from './code-lines.js';
import type { FoundMisconception, MisconceptionNote } from './misconceptions.js';
import type { SentenceInfo } from './nlp.js';

/*
 * Known bugs in the answer's own lines of code. A lexical grader reads "df.drop_duplicates(keep='first')" as the
 * reference's point about drop_duplicates whether or not its result is kept, so fluent code with a textbook bug
 * scored above the same code without it (the technical-code set: code with one real bug 3.1, correct code 2.9). Each
 * rule here is a mistake an interviewer names on sight, read from the code's grammar alone: a result of an in-place
 * method assigned, a copy thrown away, an array's dtype assigned, a mutable default, "and" between masks, a PyTorch
 * loop that never clears its gradients, a "best" state_dict kept by reference, a fit on test data. A finding is a known misconception
 * about the API (misconceptions.ts: correctness held at 2, the whole at 2.5, the correction on the card).
 *
 * Code quoted to warn against it is no bug: round 12's reading of calls graded "Never call scaler.fit_transform(X_test)"
 * as the leak itself. A line is left alone when its comment, or the prose just before it, warns ("don't", "never",
 * "avoid", "wrong", "bug", "pitfall", "instead of"…).
 */

/** Words of a warning about the code next to them: "# don't do this", "The classic bug is:". */
const WARNING = /\b(?:don'?t|do not|never|avoid|wrong|bug|buggy|mistake|pitfall|instead of|bad|not like this|gotcha|careful|beware|trap)\b/i;
/** How many sentences before or after a line its warning may stand in ("The classic bug:" then two lines of code). */
const WARNING_REACH = 3;

/** A list's or an array's method that works in place and returns None: its result assigned is None. */
const IN_PLACE_ASSIGNED = /^[A-Za-z_][\w.]*(?:\[[^\]]*\])?\s*=\s*(?:([A-Za-z_][\w.]*)\.(sort|reverse|extend)\(|(?:np\.)?random\.shuffle\()/;
/** What Python's list.sort() takes: nothing, key= and reverse= (PyTorch's and Polars' sort() take more and return values). */
const LIST_SORT_ARGUMENTS = /^\s*(?:(?:key|reverse)\s*=.*)?$/s;
/** Modules whose sort() is a function returning a sorted copy ("np.sort(a)", "torch.sort(t)"), not a method. */
const MODULES: ReadonlySet<string> = new Set(['np', 'numpy', 'torch', 'pd', 'pandas', 'tf', 'jnp', 'jax.numpy', 'cp', 'cupy']);
/**
 * pandas methods that return a new object and leave theirs as it was (unless inplace=True): called alone on a name
 * that a later line reads, their result is thrown away.
 */
const COPYING_CALL = /^([A-Za-z_]\w*)\.(drop_duplicates|dropna|fillna|drop|rename|reset_index|set_index|sort_values|sort_index|replace|astype)\((.*)\)$/s;
/**
 * Of those, the names other libraries use for methods that do change their object or a file ("os.replace(tmp, path)",
 * a collection's drop()): read as pandas only on a name the answer made a DataFrame, or one called df.
 */
const GENERIC_METHODS: ReadonlySet<string> = new Set(['drop', 'rename', 'replace']);
const MADE_A_DATAFRAME = /=\s*(?:pd|pandas)\.|read_(?:csv|parquet|excel|json|sql|table)\(|DataFrame\(/;
/** An array's dtype assigned: "X.dtype = np.float32"; not an object's own setting ("self.dtype = dtype"). */
const DTYPE_ASSIGNED = /^([A-Za-z_]\w*)\.dtype\s*=(?!=)/;
const SETTINGS_OBJECTS: ReadonlySet<string> = new Set(['self', 'cls', 'cfg', 'config', 'conf', 'args', 'opts', 'options', 'params', 'settings', 'hparams']);
/** A def whose default is a new list, dict or set: "def f(x, history=[]):". */
const MUTABLE_DEFAULT = /^(?:async\s+)?def\s+\w+\(.*\b\w+\s*=\s*(?:\[\]|\{\}|list\(\)|dict\(\)|set\(\))\s*[,)]/;
/**
 * An index of a name or a call's result, no bracket inside ("ages[…]"): a list comprehension ("[x for x in …]") or a
 * list ("= [a, b]") is no index. Found bracket by bracket, each scan stopping at the next bracket, so a long line costs
 * one pass (four unbounded runs in one expression took seconds on a line of a few thousand characters).
 */
const INDEX = /(?<=[\w\])])\[([^[\]]*)\]/g;
const WORD_OPERATOR = /\s(?:and|or)\s/;
const COMPARISON = /[<>]|[=!]=/;
/** A quoted string, emptied before looking into brackets: "df.eval('a > 1 and b < 2')" is a query, not a mask. */
const QUOTED = /'[^'\n]*'|"[^"\n]*"/g;
/** The state_dict of a model kept under a name, not copied: "best_state = model.state_dict()". */
const STATE_BY_REFERENCE = /^([A-Za-z_]\w*)\s*=\s*[A-Za-z_][\w.]*\.state_dict\(\)$/;
/**
 * A model or a transformer fitted on test data: "scaler.fit_transform(X_test)", "model.fit(X_test, y_test)". Read only
 * in lines of code, never in prose ("Never call scaler.fit_transform(X_test)" warns: round 12's call reading graded it
 * as the leak).
 */
const FIT_ON_TEST = /\.(?:fit|fit_transform|fit_predict|partial_fit)\(\s*(?:[A-Za-z\d]+_)*test(?:_[A-Za-z\d]+)*\s*[,)]/i;
/** Embeddings for plotting have no transform: fitting them on the test split is how they are used. */
const EMBEDDING_FOR_PLOTS = /\b(?:TSNE|UMAP|MDS|Isomap|SpectralEmbedding|LocallyLinearEmbedding)\b/;
/** A distribution fitted to a metric ("stats.norm.fit(ab_test_means)") describes data; it trains nothing. */
const DISTRIBUTION_FIT = /\bstats\.\w+\.fit\(/;
const BACKWARD = /\.backward\(/;
const STEP = /\b(?:optimizer|optim|opt)\w*\.step\(/;
/** Any way of clearing gradients: zero_grad(), "p.grad = None", "p.grad.zero_()", "p.grad.data.fill_(0)". */
const CLEARS_GRADIENTS = /zero_grad|\.grad\s*=\s*None|\.grad(?:\.data)?\.(?:zero_|fill_)\(/;

const BUGS = {
  inPlaceAssigned: {
    id: 'code:in-place-result-assigned',
    claim: 'sort(), reverse() and shuffle() return the sorted, reversed or shuffled values',
    correction: 'they work in place and return None, so the name now holds None: call them alone, or use sorted(x) or np.sort(x) for a sorted copy.',
  },
  copyDiscarded: {
    id: 'code:copy-discarded',
    claim: "pandas methods such as drop_duplicates(), dropna() and fillna() change the DataFrame they are called on",
    correction: 'they return a new object and leave the original as it was, so the later lines still see the old data: assign the result (df = df.drop_duplicates()).',
  },
  dtypeAssigned: {
    id: 'code:dtype-assigned',
    claim: "assigning to an array's dtype converts its values",
    correction: 'setting .dtype reinterprets the same bytes as another type and gives garbage values: convert with a = a.astype(np.float32), which returns a converted copy.',
  },
  mutableDefault: {
    id: 'code:mutable-default',
    claim: 'a default argument such as [] or {} is created afresh on every call',
    correction: 'a default is evaluated once, when def runs, so a list or dict default is shared by every call: default to None and create the list inside the function.',
  },
  wordOperatorInMask: {
    id: 'code:and-between-masks',
    claim: '"and" and "or" combine boolean arrays element by element',
    correction: '"and" and "or" ask for one truth value of a whole array and raise an error: combine masks with & and |, each condition in parentheses.',
  },
  gradientsNeverCleared: {
    id: 'code:gradients-never-cleared',
    claim: 'PyTorch replaces the stored gradients at every backward()',
    correction: 'backward() adds to the gradients already stored, so without clearing them every step uses the sum of all earlier batches: call optimizer.zero_grad() once per batch, before loss.backward().',
  },
  fitOnTest: {
    id: 'code:fit-on-test-data',
    claim: 'fitting a model or a scaler on the test data is harmless',
    correction: 'fitting on the test data lets its statistics or labels into the model, so the test score is optimistic: fit on the training data only and call transform or predict on the test data.',
  },
  stateByReference: {
    id: 'code:state-dict-by-reference',
    claim: 'model.state_dict() returns a copy of the weights',
    correction: 'state_dict() returns references to the live tensors, so the kept "best" state changes as training goes on: keep copy.deepcopy(model.state_dict()).',
  },
} as const satisfies Record<string, MisconceptionNote>;

interface CodeLine {
  readonly sentence: SentenceInfo;
  readonly index: number;
  /** The statement without its comment, as written (indentation kept). */
  readonly code: string;
  readonly comment: string;
}

function codeLines(sentences: readonly SentenceInfo[]): CodeLine[] {
  return sentences.flatMap((sentence, index) => {
    const line = codeLineOf(sentence);
    if (line?.kind !== 'statement') return [];
    const at = line.commentAt ?? sentence.text.length;
    return [{ sentence, index, code: sentence.text.slice(0, at).replace(/\s+$/, ''), comment: sentence.text.slice(at) }];
  });
}

/**
 * Whether the line is quoted as what not to do: its comment warns, or the sentence of prose just before or just after
 * its block of code does ("The second line is the classic bug: it reinterprets the bytes").
 */
function warned(line: CodeLine, sentences: readonly SentenceInfo[]): boolean {
  if (WARNING.test(line.comment)) return true;
  for (let index = line.index - 1; index >= Math.max(0, line.index - WARNING_REACH); index -= 1) {
    const sentence = sentences[index];
    if (sentence === undefined) break;
    const code = codeLineOf(sentence);
    if (code === undefined) {
      if (WARNING.test(sentence.text)) return true;
      break;
    }
    if (code.kind === 'statement' && WARNING.test(sentence.text.slice(code.commentAt ?? sentence.text.length))) return true;
  }
  for (let index = line.index + 1; index <= line.index + WARNING_REACH; index += 1) {
    const sentence = sentences[index];
    if (sentence === undefined) break;
    if (codeLineOf(sentence) === undefined) return WARNING.test(sentence.text);
  }
  return false;
}

/** Whether the name holds a pandas object: called df, or assigned one by an earlier line of code. */
function isDataFrame(name: string, lines: readonly CodeLine[], before: number): boolean {
  if (/^df/i.test(name)) return true;
  const assigned = new RegExp(`^\\s*${name}\\s*=`);
  return lines.some((line) => line.index < before && assigned.test(line.code) && MADE_A_DATAFRAME.test(line.code));
}

/** Whether a later line of code reads the name (as a value or a call's target): "X = df.drop(…)", "df.head()". */
function readLater(name: string, lines: readonly CodeLine[], after: number): boolean {
  const use = new RegExp(`(?<![\\w.])${name}(?![\\w])`);
  return lines.some((line) => line.index > after && use.test(line.code));
}

/**
 * A state_dict kept by reference and loaded back after training went on: kept as the "best" one (the name says what it
 * is for: a snapshot while training continues), or with a training step between. The snapshot has moved on with the
 * weights. Loading it straight into another model ("target.load_state_dict(source.state_dict())" in two lines, a target
 * network's sync, EMA weights) copies the weights as they are, which is right.
 */
function keptState(line: CodeLine, lines: readonly CodeLine[]): boolean {
  const name = STATE_BY_REFERENCE.exec(line.code.trim())?.[1];
  if (name === undefined) return false;
  const load = lines.find((other) => other.index > line.index && other.code.includes(`load_state_dict(${name})`));
  if (load === undefined) return false;
  return /best/i.test(name) || lines.some((other) => other.index > line.index && other.index < load.index && (BACKWARD.test(other.code) || STEP.test(other.code)));
}

/** The result of sort(), reverse(), extend() or shuffle() assigned, where the call is the list's own and returns None. */
function inPlaceAssigned(code: string): boolean {
  const match = IN_PLACE_ASSIGNED.exec(code);
  if (!match || MODULES.has(match[1] ?? '')) return false;
  // Nothing may be read from the result ("….sort(descending=True).values" is PyTorch's, which returns values).
  const rest = code.slice(match[0].length);
  if (!rest.endsWith(')') || /\)\s*[.[]/.test(rest)) return false;
  return match[2] !== 'sort' || LIST_SORT_ARGUMENTS.test(rest.slice(0, -1));
}

/** The arguments of a call close where the line ends: "df.drop_duplicates(…).head()" shows a preview, it drops nothing. */
function closesAtEnd(args: string): boolean {
  let depth = 0;
  for (const character of args) {
    if (character === '(') depth += 1;
    else if (character === ')') depth -= 1;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** "and"/"or" between comparisons inside an index: "ages[ages >= 18 and ages < 65]". */
function wordOperatorInMask(code: string): boolean {
  for (const [, inside = ''] of code.replace(QUOTED, "''").matchAll(INDEX)) {
    if (WORD_OPERATOR.test(inside) && COMPARISON.test(inside) && !/\bfor\b/.test(inside)) return true;
  }
  return false;
}

/** A line continuing a call chain from the line before, or continued by the next: its result is not where it ends. */
function inChain(line: CodeLine, sentences: readonly SentenceInfo[]): boolean {
  const next = sentences[line.index + 1]?.text.trimStart() ?? '';
  const previous = sentences[line.index - 1]?.text.trimEnd() ?? '';
  return next.startsWith('.') || /[([{\\]$/.test(previous);
}

/** The known bugs in the answer's lines of code, one a line. */
export function findCodeBugs(sentences: readonly SentenceInfo[]): FoundMisconception[] {
  const lines = codeLines(sentences);
  if (lines.length === 0) return [];
  const found: FoundMisconception[] = [];
  const add = (line: CodeLine, entry: MisconceptionNote): void => {
    if (!warned(line, sentences)) found.push({ sentence: line.sentence, entry, terms: new Set() });
  };
  for (const line of lines) {
    const code = line.code.trim();
    const copying = COPYING_CALL.exec(code);
    const dtypeOf = DTYPE_ASSIGNED.exec(code)?.[1];
    if (inPlaceAssigned(code)) add(line, BUGS.inPlaceAssigned);
    // A commented call shows what it returns, as a notebook displays it ("x.astype(int)  # array([1, -1])").
    else if (
      copying &&
      line.comment === '' &&
      (!GENERIC_METHODS.has(copying[2] ?? '') || isDataFrame(copying[1] ?? '', lines, line.index)) &&
      closesAtEnd(copying[3] ?? '') &&
      !inChain(line, sentences) &&
      !/\binplace\s*=\s*True\b/.test(copying[3] ?? '') &&
      readLater(copying[1] ?? '', lines, line.index)
    ) {
      add(line, BUGS.copyDiscarded);
    } else if (dtypeOf !== undefined && !SETTINGS_OBJECTS.has(dtypeOf)) add(line, BUGS.dtypeAssigned);
    else if (MUTABLE_DEFAULT.test(code)) add(line, BUGS.mutableDefault);
    else if (wordOperatorInMask(code)) add(line, BUGS.wordOperatorInMask);
    else if (keptState(line, lines)) add(line, BUGS.stateByReference);
    else if (FIT_ON_TEST.test(code) && !EMBEDDING_FOR_PLOTS.test(code) && !DISTRIBUTION_FIT.test(code)) add(line, BUGS.fitOnTest);
  }
  // A training loop: a loop over batches with backward() and an optimizer's step() in it, and nothing in the answer
  // clears the gradients (one step alone, "loss.backward(); opt.step()", starts from clear gradients).
  const loop = lines.find((line) => /^(?:for|while)\b/.test(line.code.trim()));
  const backward = lines.find((line) => loop !== undefined && line.index > loop.index && BACKWARD.test(line.code));
  if (backward && lines.some((line) => line.index > backward.index && STEP.test(line.code)) && !sentences.some((sentence) => CLEARS_GRADIENTS.test(sentence.text))) {
    add(backward, BUGS.gradientsNeverCleared);
  }
  return found;
}
