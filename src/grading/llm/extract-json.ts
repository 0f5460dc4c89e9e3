/** The parsed value when `text` is exactly one JSON object (not an array or a scalar). */
function parseObject(text: string): { value: unknown } | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? { value } : undefined;
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
export function extractJsonObject(text: string): unknown {
  const whole = parseObject(text.trim());
  if (whole) return whole.value;

  for (const match of text.matchAll(FENCED_BLOCK)) {
    const fenced = parseObject((match[1] ?? '').trim());
    if (fenced) return fenced.value;
  }

  for (let start = text.indexOf('{'); start !== -1; start = text.indexOf('{', start + 1)) {
    const end = balancedObjectEnd(text, start);
    const candidate = end === undefined ? undefined : parseObject(text.slice(start, end));
    if (candidate) return candidate.value;
  }
  return undefined;
}
