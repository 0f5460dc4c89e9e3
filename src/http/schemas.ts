import { z } from 'zod';

export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

/** The error responses every authenticated route can give, declared once for the OpenAPI document. */
export const authErrors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  404: ErrorBodySchema,
  429: ErrorBodySchema,
} as const;

export const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });
