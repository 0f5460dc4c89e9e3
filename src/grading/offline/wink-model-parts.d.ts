// The parts of wink-eng-lite-web-model that wink.ts assembles into a model (the package's own model.js requires the
// core model's JSON and keeps it): standalone CommonJS files, without types. What they return is wink-nlp's business.
declare module 'wink-eng-lite-web-model/dist/load-sbd-model.js' {
  export default function load(): unknown;
}
declare module 'wink-eng-lite-web-model/dist/load-pos-model.js' {
  export default function load(): unknown;
}
declare module 'wink-eng-lite-web-model/dist/load-ner-model.js' {
  export default function load(): unknown;
}
declare module 'wink-eng-lite-web-model/dist/load-negation-model.js' {
  export default function load(): unknown;
}
declare module 'wink-eng-lite-web-model/dist/load-cer-meta-model.js' {
  export default function load(): unknown;
}
declare module 'wink-eng-lite-web-model/dist/feature.js' {
  const featureFn: unknown;
  export default featureFn;
}
declare module 'wink-eng-lite-web-model/dist/lemmatize.js' {
  const lemmatize: unknown;
  export default lemmatize;
}
declare module 'wink-eng-lite-web-model/dist/readability-stats.js' {
  const readabilityStats: unknown;
  export default readabilityStats;
}
