export interface ExtractedJson {
  value: Record<string, unknown>;
  /** The JSON text the value was parsed from (duplicate keys are visible only here). */
  text: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The parsed value when `text` is exactly one JSON object (not an array or a scalar). */
function parseObject(text: string): ExtractedJson | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? { value, text } : undefined;
  } catch {
    return undefined;
  }
}

/** End index (exclusive) of the balanced `{…}` starting at `start`, skipping braces inside strings. */
function balancedObjectEnd(text: string, start: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{') {
      depth += 1;
    } else if (char === '}') {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
  }
  return undefined;
}

const FENCED_BLOCK = /```[a-zA-Z]*[ \t]*\n([\s\S]*?)```/g;

/**
 * Finds the JSON object in a model reply. Models without structured output wrap it in a ```json fence or
 * in prose ("Here is my evaluation: {…} Hope this helps"), so after the whole text, each fenced block and
 * then each balanced `{…}` is tried in order. Returns undefined when there is none.
 */
export function extractJsonObject(text: string): ExtractedJson | undefined {
  const whole = parseObject(text.trim());
  if (whole) return whole;

  for (const match of text.matchAll(FENCED_BLOCK)) {
    const fenced = parseObject((match[1] ?? '').trim());
    if (fenced) return fenced;
  }

  for (let start = text.indexOf('{'); start !== -1; start = text.indexOf('{', start + 1)) {
    const end = balancedObjectEnd(text, start);
    const candidate = end === undefined ? undefined : parseObject(text.slice(start, end));
    if (candidate) return candidate;
  }
  return undefined;
}

interface Frame {
  /** Object keys from the root to this container; undefined below an array. */
  path: readonly string[] | undefined;
  isObject: boolean;
  expectingKey: boolean;
  lastKey: string | undefined;
  counts: Map<string, number>;
}

const samePath = (a: readonly string[] | undefined, b: readonly string[]) =>
  a !== undefined && a.length === b.length && a.every((key, index) => key === b[index]);

/**
 * Keys written more than once in the object at `path` (keys from the root) of valid JSON text. `JSON.parse`
 * keeps the last of them silently, so a model that repeats a dimension would have one of its two scores
 * chosen for it without anyone knowing.
 */
export function repeatedKeys(json: string, path: readonly string[]): Set<string> {
  const repeated = new Set<string>();
  const stack: Frame[] = [];
  for (let index = 0; index < json.length; index += 1) {
    const char = json[index];
    const top = stack.at(-1);
    if (char === '"') {
      const start = index;
      for (index += 1; index < json.length && json[index] !== '"'; index += 1) if (json[index] === '\\') index += 1;
      if (top?.isObject && top.expectingKey) {
        const key = String(JSON.parse(json.slice(start, index + 1)));
        top.counts.set(key, (top.counts.get(key) ?? 0) + 1);
        top.lastKey = key;
        top.expectingKey = false;
      }
    } else if (char === '{' || char === '[') {
      const parentPath = top === undefined ? [] : top.isObject && top.path && top.lastKey !== undefined ? [...top.path, top.lastKey] : undefined;
      stack.push({ path: parentPath, isObject: char === '{', expectingKey: char === '{', lastKey: undefined, counts: new Map() });
    } else if (char === '}' || char === ']') {
      const closed = stack.pop();
      if (closed?.isObject && samePath(closed.path, path)) {
        for (const [key, count] of closed.counts) if (count > 1) repeated.add(key);
      }
    } else if (char === ',' && top?.isObject) {
      top.expectingKey = true;
    }
  }
  return repeated;
}
