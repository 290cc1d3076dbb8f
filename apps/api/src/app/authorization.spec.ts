import { describe, expect, it } from 'vitest';
import { getMetadataStorage } from 'type-graphql';
import { buildAppSchema } from './build-schema.js';
import { isPublicOperation } from '../common/auth/authorize.js';

describe('authorization guard', () => {
  it('every query, mutation and subscription is either guarded by @Allow or marked @Public', async () => {
    await buildAppSchema(); // builds the metadata
    const storage = getMetadataStorage();
    const guarded = new Set(storage.authorizedFields.map((f) => `${f.target.name}.${f.fieldName}`));
    const operations = [...storage.queries, ...storage.mutations, ...storage.subscriptions].map((op) => `${op.target.name}.${op.methodName}`);
    expect(operations.length).toBeGreaterThan(5);
    const open = operations.filter((op) => {
      const [className, method] = op.split('.') as [string, string];
      return !guarded.has(op) && !isPublicOperation(className, method);
    });
    expect(open).toEqual([]);
  });

  it('keeps the public surface to sign-in, sign-out, the viewer, app facts and the invitation link', async () => {
    await buildAppSchema();
    const storage = getMetadataStorage();
    const publicOps = [...storage.queries, ...storage.mutations, ...storage.subscriptions]
      .filter((op) => isPublicOperation(op.target.name, op.methodName))
      .map((op) => op.methodName)
      .sort();
    expect(publicOps).toEqual(['acceptInvitation', 'appInfo', 'claimInvitation', 'declineInvitation', 'invitationByToken', 'signIn', 'signOut', 'viewer']);
  });

  it('guards every field resolver of a resolver class too', async () => {
    await buildAppSchema();
    const storage = getMetadataStorage();
    const guarded = new Set(storage.authorizedFields.map((f) => `${f.target.name}.${f.fieldName}`));
    const unguarded = storage.fieldResolvers.filter((f) => f.kind === 'external').map((f) => `${f.target.name}.${f.methodName}`).filter((f) => !guarded.has(f));
    expect(unguarded).toEqual([]);
  });
});
