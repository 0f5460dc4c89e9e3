import { z } from 'zod';

/*
 * zod 4 compiles object parsers with `new Function` unless told not to. The page runs under
 * `script-src 'self'` (no 'unsafe-eval'), where that would be refused and reported as a CSP violation,
 * so switch the JIT off before any schema is built. This module must be the first import of main.ts.
 */
z.config({ jitless: true });
