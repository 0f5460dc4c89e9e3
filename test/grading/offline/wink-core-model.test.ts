import { isDeepStrictEqual } from 'node:util';
import model from 'wink-eng-lite-web-model';
import { describe, expect, it } from 'vitest';
import { readCoreModel } from '../../../src/grading/offline/wink.js';

describe("wink's core model read from its file", () => {
  // wink.ts reads the package's core model itself (the package's loader keeps its JSON module for good); a release of
  // the package that changed its layout or its loader would otherwise change every reading silently.
  it("is the model the package's own loader builds", () => {
    const packageCore: unknown = model.core;
    expect(typeof packageCore).toBe('function');
    expect(isDeepStrictEqual(readCoreModel(), Reflect.apply(packageCore as () => unknown, undefined, []))).toBe(true);
  });
});
