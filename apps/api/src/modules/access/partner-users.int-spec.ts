import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { SCOPE_ROLES, buildScopeWorld } from '../../testing/scope-world.js';
import type { ScopeRole, ScopeWorld } from '../../testing/scope-world.js';

/**
 * Partner.users (issue 15, leak 4; DESIGN.md §3): a partner organization's users are read by its own
 * people with users:read, by principal ADMINs and by the partner ADMINs above it — never by principal
 * MANAGERs or VIEWERs, nor by a partner's STAFF for the partners below. Every role × every partner
 * of the world it may open.
 */

let app: TestApp;
let w: ScopeWorld;

beforeAll(async () => {
  app = await createTestApp();
  w = await buildScopeWorld(app);
});
afterAll(async () => {
  await w?.close();
  await app?.close();
});

type PartnerName = keyof ScopeWorld['partners'];
/** whose users each role reads (among the partners it may open) — nothing else */
const READS: Record<ScopeRole, PartnerName[]> = {
  principalAdmin: ['D', 'D1', 'S', 'SP'],
  principalManager: [],
  principalViewer: [],
  dealerAdmin: ['D', 'D1'],
  dealerStaff: ['D'],
  subDealerAdmin: ['D1'],
  serviceAdmin: ['SP'],
  technician: [],
  otherPrincipal: ['PB'],
};

const USERS = 'query($id: ID!) { partner(id: $id) { id users(first: 50) { totalCount edges { node { email } } } } }';

describe.each(SCOPE_ROLES)('Partner.users as %s', (role) => {
  it('answers only for its own organization (users:read) and, for admins, the partners it sees', async () => {
    const opened: string[] = [];
    for (const [name, partner] of Object.entries(w.partners) as [PartnerName, ScopeWorld['partners'][PartnerName]][]) {
      const seen = await w.gql(role, 'query($id: ID!) { partner(id: $id) { id } }', { id: partner.id });
      if (!seen.data?.['partner']) continue;
      opened.push(name);
      const { data, errors } = await w.gql(role, USERS, { id: partner.id });
      if (READS[role].includes(name)) {
        expect(errors, `${role} on ${name}`).toBeUndefined();
        expect(data?.['partner'].users.totalCount, `${role} on ${name}`).toBeGreaterThan(0);
      } else {
        expect(errors?.map((e) => e.extensions?.['code']), `${role} on ${name}`).toEqual(['FORBIDDEN']);
        expect(JSON.stringify(data ?? null)).not.toContain('@');
      }
    }
    expect(READS[role].every((name) => opened.includes(name))).toBe(true);
  });
});
