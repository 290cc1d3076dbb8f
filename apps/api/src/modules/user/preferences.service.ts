import { checkPreference } from '@partner-hub/domain';
import { inTransaction, viewerOf } from '../../common/context/request-context.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { AccessError, ValidationFailed } from '../../common/errors/app-errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { User } from './user.entity.js';
import { loaderById } from '../../common/context/loaders.js';

/**
 * A signed-in user's own preferences (libs/domain `PREFERENCE_SCHEMAS`: allowlisted keys, each
 * value of its shape and at most MAX_PREFERENCE_BYTES). Only ever the viewer's own: there is no
 * way to name another user, and API keys have none.
 */

/** The viewer's preferences; empty for an API key. */
export async function myPreferences(ctx: RequestContext): Promise<Record<string, unknown>> {
  const userId = viewerOf(ctx).userId;
  if (!userId || viewerOf(ctx).kind !== 'USER') return {};
  return (await loaderById(ctx, User).load(userId))?.preferences ?? {};
}

/**
 * Stores one preference of the viewer (null removes it, so the default applies again) and returns
 * them all. One statement merging into the jsonb column, so two tabs saving different keys at once
 * both keep theirs; audited like every mutation (on the user, with the key and its new value).
 */
export async function setMyPreference(ctx: RequestContext, key: string, value: unknown): Promise<Record<string, unknown>> {
  const viewer = viewerOf(ctx);
  if (viewer.kind !== 'USER' || !viewer.userId) throw new AccessError('FORBIDDEN', 'API keys have no preferences; only a signed-in user has them.');
  const userId = viewer.userId;
  const forget = value === null || value === undefined;
  const checked = checkPreference(key, value);
  // null means "forget it": then only the key has to be known
  if (!checked.ok && (checked.field === 'key' || !forget)) throw ValidationFailed.of(checked.field, checked.message);
  const next = forget ? null : checked.ok ? checked.value : null;
  const preferences = await inTransaction(ctx, async (tx) => {
    // the old value comes back from the same statement (its snapshot), for the audit record
    const merge = next === null ? 'preferences - ?::text' : 'preferences || jsonb_build_object(?::text, ?::jsonb)';
    const params = next === null ? [key] : [key, JSON.stringify(next)];
    const rows: { preferences: Record<string, unknown>; previous: unknown }[] = await tx.em.execute(
      `with old as materialized (select preferences -> ?::text as value from app_user where id = ?)
       update app_user set preferences = ${merge} where id = ? returning preferences, (select value from old) as previous`,
      [key, userId, ...params, userId],
    );
    recordAudit(tx, { action: 'user.preference', objectType: 'User', objectId: userId, organizationId: viewer.organizationId, changes: { [key]: { from: rows[0]?.previous ?? null, to: next } } });
    await tx.em.flush();
    return rows[0]?.preferences ?? {};
  });
  loaderById(ctx, User).clear(userId);
  return preferences;
}
