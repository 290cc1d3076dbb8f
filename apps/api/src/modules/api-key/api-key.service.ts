import { createApiKeySchema, isRoleAllowed } from '@partner-hub/domain';
import type { UserRole } from '@partner-hub/domain';
import { credentialsChanged, inTransaction, viewerOf } from '../../common/context/request-context.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { hashToken, newToken } from '../../common/auth/tokens.js';
import { NotFound, ValidationFailed } from '../../common/errors/app-errors.js';
import { parseInput } from '../../common/errors/parse-input.js';
import { recordAudit } from '../audit/audit.service.js';
import { rowsWhere } from '../../common/db/plain-rows.js';
import { ApiKey } from './api-key.entity.js';

/** Every secret starts with this, so leaked keys are easy to spot (e.g. by secret scanners). */
export const API_KEY_PREFIX = 'ph_';
/** characters of the secret kept in clear text to recognise the key by */
const VISIBLE_PREFIX_LENGTH = API_KEY_PREFIX.length + 6;

/** The organization's API keys, newest first (a small, bounded list). */
export async function listApiKeys(ctx: RequestContext): Promise<ApiKey[]> {
  // plain rows (common/db/plain-rows.ts) on the organization_id index: an organization's keys are few
  return (await rowsWhere(ctx.em, ApiKey, { where: [], params: [], orderBy: 't."id" desc' })).rows;
}

/** Creates a key for the admin's own organization. The secret is returned once and only its hash is kept. */
export async function createApiKey(
  ctx: RequestContext,
  input: { name: string; role: UserRole; expiresAt?: Date | null },
): Promise<{ apiKey: ApiKey; secret: string }> {
  const viewer = viewerOf(ctx);
  const values = parseInput(createApiKeySchema, input);
  if (!isRoleAllowed(viewer.organizationKind, values.role)) {
    throw ValidationFailed.of('role', `The role ${values.role} does not exist in your organization.`);
  }
  const secret = newToken(API_KEY_PREFIX);
  return inTransaction(ctx, async (tx) => {
    const apiKey = tx.em.create(ApiKey, {
      organization: viewer.organizationId,
      name: values.name,
      role: values.role,
      prefix: secret.slice(0, VISIBLE_PREFIX_LENGTH),
      tokenHash: hashToken(tx.deps.env.SESSION_SECRET, secret),
      createdBy: viewer.userId,
      expiresAt: values.expiresAt ?? null,
    });
    tx.em.persist(apiKey);
    recordAudit(tx, {
      action: 'apiKey.create',
      objectType: 'ApiKey',
      objectId: apiKey.id,
      organizationId: viewer.organizationId,
      changes: { name: { from: null, to: apiKey.name }, role: { from: null, to: apiKey.role } },
    });
    return { apiKey, secret };
  });
}

/** Revokes a key: the next request made with it is refused, and its open connections end at once. Revoking twice changes nothing. */
export async function revokeApiKey(ctx: RequestContext, input: { id: string }): Promise<ApiKey> {
  const viewer = viewerOf(ctx);
  const apiKey = await ctx.em.findOne(ApiKey, { id: input.id });
  if (!apiKey) throw new NotFound('API key');
  if (apiKey.revokedAt) return apiKey;
  return inTransaction(ctx, async (tx) => {
    apiKey.revokedAt = new Date();
    credentialsChanged(tx, [viewer.organizationId]);
    recordAudit(tx, {
      action: 'apiKey.revoke',
      objectType: 'ApiKey',
      objectId: apiKey.id,
      organizationId: viewer.organizationId,
      changes: { revokedAt: { from: null, to: apiKey.revokedAt } },
    });
    return apiKey;
  });
}
