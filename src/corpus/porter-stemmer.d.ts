// The Porter2 stemmer that wink-eng-lite-web-model ships as a standalone CommonJS file, without types.
declare module 'wink-eng-lite-web-model/dist/porter-stemmer.js' {
  /** The Porter2 stem of one lower- or mixed-case word. */
  export default function stem(word: string): string;
}
