import { createHmac, randomBytes } from 'node:crypto';

/**
 * Secrets handed to clients (session cookies, API keys, invitation links) are random tokens;
 * only an HMAC of each is stored, keyed with SESSION_SECRET, so a copy of the database alone
 * neither reveals nor lets anyone forge a working token.
 */
export function hashToken(secret: string, token: string): string {
  return createHmac('sha256', secret).update(token).digest('base64url');
}

/** A new random token: 32 bytes, base64url, with an optional readable prefix. */
export function newToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}
