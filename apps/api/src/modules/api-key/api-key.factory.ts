import type { EntityManager } from '@mikro-orm/postgresql';
import type { UserRole } from '@partner-hub/domain';
import { hashToken, newToken } from '../../common/auth/tokens.js';
import type { Organization } from '../organization/organization.entity.js';
import { ApiKey } from './api-key.entity.js';
import { API_KEY_PREFIX } from './api-key.service.js';

/** An API key of `organization` (persisted on flush) with its secret; for tests and seeds. */
export function makeApiKey(
  em: EntityManager,
  organization: Organization,
  fields: { role: UserRole; name?: string; expiresAt?: Date | null },
  secretKey: string,
): { apiKey: ApiKey; token: string } {
  const token = newToken(API_KEY_PREFIX);
  const apiKey = em.create(ApiKey, {
    organization,
    name: fields.name ?? 'test system',
    role: fields.role,
    prefix: token.slice(0, API_KEY_PREFIX.length + 6),
    tokenHash: hashToken(secretKey, token),
    expiresAt: fields.expiresAt ?? null,
  });
  em.persist(apiKey);
  return { apiKey, token };
}
