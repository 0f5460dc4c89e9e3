import { z } from 'zod';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strictify(node: unknown, at: string): unknown {
  if (Array.isArray(node)) return node.map((item, index) => strictify(item, `${at}[${index}]`));
  if (!isRecord(node)) return node;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) result[key] = strictify(value, `${at}.${key}`);
  if (result['type'] === 'object') {
    const properties = isRecord(result['properties']) ? Object.keys(result['properties']) : [];
    const required = Array.isArray(result['required']) ? result['required'] : [];
    const optional = properties.filter((key) => !required.includes(key));
    if (optional.length > 0) {
      // Strict structured output has no optional properties; model them as nullable in zod instead.
      throw new Error(`strict JSON Schema needs every property required; optional at ${at}: ${optional.join(', ')}`);
    }
    result['additionalProperties'] = false;
  }
  return result;
}

/**
 * The JSON Schema sent as `response_format.json_schema.schema` with `strict: true`. OpenAI's strict mode
 * accepts only a subset: every property required, `additionalProperties: false` on every object, and no
 * `$schema` keyword. The zod schema stays the single source; this only adapts its JSON form.
 */
export function toStrictJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const converted = strictify(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'throw' }), '$');
  if (!isRecord(converted)) throw new Error('a response schema must be a JSON object schema');
  const { $schema: _dialect, ...rest } = converted;
  return rest;
}
