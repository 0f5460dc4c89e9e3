import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toStrictJsonSchema } from '../../src/llm/strict-json-schema.js';

describe('strict JSON Schema for structured output', () => {
  it('requires every property and forbids extra ones on every object, without $schema', () => {
    const schema = toStrictJsonSchema(
      z.object({ items: z.array(z.object({ key: z.enum(['a', 'b']), score: z.int().min(1).max(5) })), note: z.string() }),
    );
    expect(schema).toEqual({
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: { key: { type: 'string', enum: ['a', 'b'] }, score: { type: 'integer', minimum: 1, maximum: 5 } },
            required: ['key', 'score'],
            additionalProperties: false,
          },
        },
        note: { type: 'string' },
      },
      required: ['items', 'note'],
      additionalProperties: false,
    });
  });

  it('refuses optional properties, which strict mode cannot express', () => {
    expect(() => toStrictJsonSchema(z.object({ a: z.string(), b: z.string().optional() }))).toThrow(/optional at \$: b/);
  });
});
