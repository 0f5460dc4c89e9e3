import { codeLineOf } from './code-lines.js';
import type { PointMatch } from './coverage.js';
import type { SentenceInfo } from './nlp.js';

/*
 * A line of code that uses what a reference sentence names makes that sentence's point. The guide names the API in
 * words ("The drop_duplicates method removes duplicates…", "the subset parameter", "the dtype attribute") and an
 * answer in code uses it ("df = df.drop_duplicates(subset=['user_id'])"): read for shared words, the line shares one
 * name and no prose, so correct code was shown its own calls as missed points ("Cover the missed key points:
 * 'Pandas provides the duplicated method…'" for an answer that called df.duplicated()). A point whose sentence names
 * API names, every one of them used by the answer's code, is made in part; one the answer's words already make in
 * part is covered. A name is what the sentence calls a method, function, parameter, attribute or argument, or writes
 * as code (np.sort, drop_duplicates, astype()); the answer uses it when its code calls it, sets it as an argument or
 * reads it as an attribute.
 */

/** A word the sentence names as a thing of code: "the duplicated method", "the subset parameter", "the dtype attribute". */
const NAMED_AS_CODE = /\b([A-Za-z_]\w{0,60}(?:\.\w{1,60}){0,4})\s+(?:method|function|parameter|attribute|argument|keyword)s?\b/g;
/** A name written as code: dotted ("np.savez", "df.iloc") or snake_case ("drop_duplicates", "na_values"). */
const WRITTEN_AS_CODE = /\b[A-Za-z]\w*(?:\.[A-Za-z_]\w*)+|\b[A-Za-z]+_[A-Za-z_]*[A-Za-z]\b/g;
/** Words before "method" or "function" that are no name: "the same method", "a loss function", "this parameter". */
const NOT_NAMES: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'same', 'other', 'each', 'every', 'one', 'its', 'their', 'your', 'loss',
  'activation', 'helper', 'built-in', 'builtin', 'main', 'new', 'default', 'regularization', 'objective', 'cost', 'kernel', 'hash',
  'following', 'which', 'what', 'some', 'any', 'python', 'pandas', 'numpy', 'key', 'optional', 'required', 'lambda', 'class',
]);

/** The last part of a dotted name, as code calls it: "np.savez" is called as savez, "array.reshape" as reshape. */
const lastPart = (name: string): string => (name.split('.').at(-1) ?? name).toLowerCase();

/** The API names a reference sentence names. */
function namesOf(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(NAMED_AS_CODE)) {
    const name = match[1] ?? '';
    if (!NOT_NAMES.has(name.toLowerCase()) && name.length > 1) names.add(lastPart(name));
  }
  for (const match of text.matchAll(WRITTEN_AS_CODE)) names.add(lastPart(match[0]));
  return names;
}

/** The names the answer's code uses: called, set as an argument, or read as an attribute, with the line that uses each. */
function usedNames(sentences: readonly SentenceInfo[]): Map<string, SentenceInfo> {
  const used = new Map<string, SentenceInfo>();
  for (const sentence of sentences) {
    const line = codeLineOf(sentence);
    if (line?.kind !== 'statement') continue;
    const code = sentence.text.slice(0, line.commentAt ?? sentence.text.length).replace(/'[^']*'|"[^"]*"/g, "''");
    for (const match of code.matchAll(/([A-Za-z_]\w*)\s*(?=\(|=(?!=))|\.([A-Za-z_]\w*)/g)) {
      const name = (match[1] ?? match[2] ?? '').toLowerCase();
      if (name !== '' && !used.has(name)) used.set(name, sentence);
    }
  }
  return used;
}

/** The matches with every point whose named API the answer's code uses made in part, or covered when already partial. */
export function creditCodePoints(matches: readonly PointMatch[], sentences: readonly SentenceInfo[]): readonly PointMatch[] {
  const used = usedNames(sentences);
  if (used.size === 0) return matches;
  return matches.map((match) => {
    if (match.status === 'covered' || match.contradicted) return match;
    const names = namesOf(match.point.label);
    if (names.size === 0 || ![...names].every((name) => used.has(name))) return match;
    const [first] = names;
    const line = used.get(first ?? '') ?? null;
    return match.status === 'partial' && !match.bySubject
      ? { ...match, status: 'covered', covered: true }
      : { ...match, status: 'partial', covered: false, sentence: match.sentence ?? line, bySubject: false };
  });
}
