/**
 * Questions that ask for an enumeration ("What are the main data types in Python…?", "What parameters does DBSCAN
 * require?", "Name the common activation functions"): a list of the right items answers them, thinly, where to
 * "What is dropout?" the same list is a keyword dump. Read from the question's words alone.
 */

/** Head nouns that name the members of a set: "What are the limitations of kernel methods?". */
const KIND_NOUNS =
  '(?:types|kinds|sorts|ways|methods|techniques|strategies|steps|stages|components|parameters|hyperparameters|metrics|measures|' +
  'libraries|packages|tools|frameworks|assumptions|limitations|disadvantages|advantages|drawbacks|benefits|applications|uses|' +
  'use cases|challenges|building blocks|alternatives|options|examples|categories|forms|approaches|practices|properties)';

/** Words that make "What are the … X?" ask for members rather than a definition: "the main data types", "different ways". */
const SET_QUALIFIERS = '(?:main|common|different|various|key|core|essential|important|typical|major|basic|standard|popular|usual|most common)';

/** What follows a plural noun asked about with "what": "What hyperparameters are important…", "What models work well…". */
const AFTER_PLURAL = '(?:are|do|does|can|could|should|would|will|might|help|work|affect|exist|matter)';

const ENUMERATION_QUESTIONS: readonly RegExp[] = [
  /^(?:name|list|enumerate)\b/i,
  new RegExp(`^(?:what|which)\\s+(?:are|were)\\s+(?:the\\s+|some\\s+(?:of\\s+the\\s+)?)?${SET_QUALIFIERS}\\b`, 'i'),
  // "What are K-means limitations?", "What types of features can decision trees handle?"; not "What are universal
  // functions in NumPy?" nor "What are support vectors?", which ask what a thing is.
  new RegExp(`^(?:what|which)\\s+(?:(?:are|were)\\s+(?:the\\s+)?)?(?:[\\w-]+\\s+){0,2}?${KIND_NOUNS}\\b`, 'i'),
  // A plural noun right after "what" (with one modifier at most): "What distance metrics are used in clustering?". Not
  // "What happens when…" or "What causes vanishing gradients…", whose "-s" word is the verb.
  new RegExp(`^(?:what|which)\\s+(?:[\\w-]+\\s+)?[\\w-]+[^s\\W]s\\s+${AFTER_PLURAL}\\b`, 'i'),
];

/** The question asks for a set of things: a list of them is an answer to it (technical-grader.ts, `analyse`). */
export function asksForList(question: string): boolean {
  const opening = question.trim().replace(/^[^\w]+/, '');
  return ENUMERATION_QUESTIONS.some((pattern) => pattern.test(opening));
}
