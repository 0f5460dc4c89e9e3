/** A name in code: letters, digits and underscores, not opening with a digit ("DecisionTreeClassifier", "running_mean"). */
export const CODE_NAME = /[A-Za-z_][A-Za-z0-9_]*/g;
const WHOLE_CODE_NAME = new RegExp(`^${CODE_NAME.source}$`);

/**
 * One word of a name: an acronym with its plural ("SVMs", "GPUs": a lower-case "s" after two or more capitals ends
 * the word, or the plural would split as "SV" and "Ms"), an acronym before a capitalised word ("HTTPServer": "HTTP"),
 * or a word in lower case, capitalised or not. Digits and underscores separate words ("conv2d", "max_depth").
 */
const NAME_PART = /[A-Z]{2,}s(?![a-z])|[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g;

/** The words of a name in code or written as one word, as written ("MinPts": Min, Pts; "numGPUs": num, GPUs). */
export function namePartsAsWritten(name: string): string[] {
  return [...name.matchAll(NAME_PART)].map(([part]) => part);
}

/** The words, in lower case, of a name in code or written as one word ("MinPts": min, pts; "numGPUs": num, gpus). */
export function nameParts(name: string): string[] {
  return namePartsAsWritten(name).map((part) => part.toLowerCase());
}

/** Whether a word is written as a name in code (`CODE_NAME`): "naïve" or "np.mean" is not one. */
export const isCodeName = (word: string): boolean => WHOLE_CODE_NAME.test(word);
