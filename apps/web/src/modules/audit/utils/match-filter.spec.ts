import { describe, expect, it } from 'vitest';
import type { AuditEventFieldsFragment } from '@partner-hub/graphql-client';
import { matchesAuditFilter } from './match-filter';

const event: AuditEventFieldsFragment = {
  __typename: 'AuditEvent',
  id: 'e1',
  occurredAt: '2026-03-01T10:00:00.000Z',
  action: 'user.create',
  objectType: 'User',
  objectId: 'u1',
  actorLabel: 'Ada Admin',
  actorUser: { __typename: 'User', id: 'u0', name: 'Ada Admin', email: 'admin@aurora-motors.example' },
  actorApiKey: null,
  changes: null,
};

describe('matchesAuditFilter', () => {
  it('accepts every event without a filter', () => {
    expect(matchesAuditFilter(event, {})).toBe(true);
  });

  it('compares action and object type exactly, as the server does', () => {
    expect(matchesAuditFilter(event, { action: 'user.create', objectType: 'User' })).toBe(true);
    expect(matchesAuditFilter(event, { action: 'USER.CREATE' })).toBe(false);
    expect(matchesAuditFilter(event, { action: 'user.update' })).toBe(false);
  });

  it('keeps only events of the filtered object', () => {
    expect(matchesAuditFilter(event, { objectId: 'u1' })).toBe(true);
    expect(matchesAuditFilter(event, { objectId: 'u2' })).toBe(false);
  });

  it('keeps only events inside the date range', () => {
    expect(matchesAuditFilter(event, { from: '2026-03-01T00:00:00Z', to: '2026-03-01T23:59:59Z' })).toBe(true);
    expect(matchesAuditFilter(event, { from: '2026-03-02T00:00:00Z' })).toBe(false);
    expect(matchesAuditFilter(event, { to: '2026-02-28T23:59:59Z' })).toBe(false);
  });
});
