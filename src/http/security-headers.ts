import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

/** The page's policy: only our own scripts, no plugins, no framing, no base-tag hijack. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  // Recordings and spoken questions are fetched with the bearer token and played from blob: URLs.
  "media-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Sets the headers every response carries; replies made before any hook runs call it themselves. */
export function applySecurityHeaders(reply: FastifyReply): void {
  void reply.header('x-content-type-options', 'nosniff');
  void reply.header('referrer-policy', 'no-referrer');
  void reply.header('cross-origin-opener-policy', 'same-origin');
  // The docs page sets its own (hash-based) policy; everything else gets the strict one.
  if (!reply.hasHeader('content-security-policy')) void reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
}

export const securityHeaders = fp(
  async (app: FastifyInstance) => {
    app.addHook('onSend', async (_request, reply, payload) => {
      applySecurityHeaders(reply);
      return payload;
    });
  },
  { name: 'security-headers' },
);
