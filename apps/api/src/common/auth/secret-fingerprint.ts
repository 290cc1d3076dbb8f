import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { scopeToSystem } from '../db/tenant-filter.js';
import { ServerSetting } from '../db/server-setting.entity.js';
import { hashToken } from './tokens.js';

const KEY = 'session_secret_fingerprint';

/** An HMAC of a fixed text under the secret: equal for equal secrets, and it tells nothing about the secret. */
export function secretFingerprint(secret: string): string {
  return hashToken(secret, 'partner-hub: fingerprint of SESSION_SECRET');
}

export type SecretCheck = 'recorded' | 'same' | 'changed';

/**
 * Compares SESSION_SECRET with the one this database was last used with (its fingerprint is kept in
 * `server_setting`). Every session, API key and invitation link is stored as an HMAC under that secret,
 * so a different one silently voids them all: that is logged at error level, with what is lost and how
 * to get it back, and the new fingerprint is recorded (credentials made from now on use the new secret).
 */
export async function checkSessionSecret(em: EntityManager, secret: string, generated: boolean, logger: Logger): Promise<SecretCheck> {
  scopeToSystem(em);
  const fingerprint = secretFingerprint(secret);
  const stored = await em.findOne(ServerSetting, { key: KEY });
  if (stored?.value === fingerprint) return 'same';
  if (!stored) {
    em.persist(em.create(ServerSetting, { key: KEY, value: fingerprint }));
    await em.flush();
    return 'recorded';
  }
  const [counts] = await em.getConnection().execute<{ sessions: string; apiKeys: string; invitations: string }[]>(
    `select (select count(*) from "session" where "revoked_at" is null and "expires_at" > now()) as "sessions",
            (select count(*) from "api_key" where "revoked_at" is null and ("expires_at" is null or "expires_at" > now())) as "apiKeys",
            (select count(*) from "partner_invitation" where "used_at" is null and "revoked_at" is null and "declined_at" is null and "expires_at" > now()) as "invitations"`,
  );
  const lost = { sessions: Number(counts?.sessions ?? 0), apiKeys: Number(counts?.apiKeys ?? 0), invitations: Number(counts?.invitations ?? 0) };
  const source = generated ? 'SESSION_SECRET is not set, so a generated secret (from the data folder) is used' : 'SESSION_SECRET is set';
  logger.error(
    { ...lost, consequence: 'every existing session, API key and invitation link no longer works', fix: 'restart with SESSION_SECRET set to the secret this database was used with' },
    `SESSION_SECRET differs from the one this database was last used with (${source}): ${lost.sessions} open sessions, ${lost.apiKeys} API keys and ${lost.invitations} open invitation links no longer work — users must sign in again, partner systems need new keys, invitations must be re-sent. To keep them, stop and start again with SESSION_SECRET set to the earlier secret. From now on the new secret counts.`,
  );
  stored.value = fingerprint;
  await em.flush();
  return 'changed';
}
