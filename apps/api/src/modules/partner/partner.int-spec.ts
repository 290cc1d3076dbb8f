import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { makeUser } from '../user/user.factory.js';
import { makeApiKey } from '../api-key/api-key.factory.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Partner } from './partner.entity.js';
import { makePartner } from './partner.factory.js';

const ERR = '... on ErrorResult { code field message } ... on ValidationError { fieldErrors { field message } }';
const CREATE = `mutation($input: CreatePartnerInput!) { createPartner(input: $input) { __typename ... on PartnerSuccess { partner { id partnerId name role status parent { id } organization { email iin kpp vatPercent } agreement { deposit currency accountType } } } ${ERR} } }`;
const PROFILE = `mutation($input: UpdatePartnerProfileInput!) { updatePartnerProfile(input: $input) { __typename ... on PartnerSuccess { partner { name } } ${ERR} } }`;
const AGREEMENT = `mutation($input: UpdatePartnerAgreementInput!) { updatePartnerAgreement(input: $input) { __typename ... on PartnerSuccess { partner { agreement { deposit depositMinor currency additionalCurrencies accountType } } } ${ERR} } }`;
const SETTINGS = `mutation($input: UpdatePartnerSettingsInput!) { updatePartnerSettings(input: $input) { __typename ${ERR} } }`;
const MOVE = `mutation($input: MovePartnerInput!) { movePartner(input: $input) { __typename ... on PartnerSuccess { partner { parent { id } ancestors { id } } } ${ERR} } }`;
const ARCHIVE = `mutation($input: PartnerIdInput!) { archivePartner(input: $input) { __typename ... on PartnerSuccess { partner { archivedAt } } ${ERR} } }`;
const RESTORE = `mutation($input: PartnerIdInput!) { restorePartner(input: $input) { __typename ${ERR} } }`;
const ONE = `query($id: ID!) { partner(id: $id) { id name partnerId profileEditable manageable ancestors { id } descendants { depth partner { id } } } }`;
const LIST = `query($first: Int, $after: String, $filter: PartnerFilter, $orderBy: PartnerOrder) {
  partners(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id partnerId name role status blocked allowJobOverride subPartnerCount parent { id name } organization { email phone region } agreement { currency } invitation { state } } }
  }
}`;
const ME = `query { viewer { organization { name } } }`;

let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let adminA: string;
/** the tree of principal A: D > D1 > D2, D > D1b; E at the top; B's partner PB */
let tree: Record<'D' | 'D1' | 'D2' | 'D1b' | 'E' | 'PB', Partner>;
const profile = (name: string) => ({ name });

beforeAll(async () => {
  app = await createTestApp();
  const em = app.systemEm();
  world = await buildWorld(em);
  const D = await em.findOneOrFail(Partner, { organization: world.dealer });
  const D1 = makePartner(em, world.principalA, { parent: D, status: 'ACCEPTED', profile: { name: 'Sub One' } });
  const D2 = makePartner(em, world.principalA, { parent: D1, profile: { name: 'Sub Two' } });
  const D1b = makePartner(em, world.principalA, { parent: D, profile: { name: 'Sub Sibling' } });
  const E = makePartner(em, world.principalA, { profile: { name: 'Elsewhere' } });
  const PB = makePartner(em, world.principalB, { profile: { name: 'Of B' } });
  tree = { D, D1, D2, D1b, E, PB };
  await makeUser(em, D1.organization, { role: 'ADMIN', email: 'sub-admin@world.example', password: WORLD_PASSWORD });
  await em.flush();
  adminA = await app.signIn(world.users.adminA.email, WORLD_PASSWORD);
});
afterAll(async () => app?.close());

const countPartners = () => app.systemEm().count(Partner, {});

describe('createPartner', () => {
  it('creates a partner with a generated Partner ID and audits it', async () => {
    const { data, errors } = await app.gql(
      CREATE,
      { input: { role: 'SERVICE_PARTNER', parentId: tree.E.id, profile: { name: ' Fix-It GmbH ', email: 'Info@FixIt.example', iin: '123456789012', kpp: '123456789', vatPercent: '19' }, agreement: { deposit: '1500.50', currency: 'eur', additionalCurrencies: ['USD'], accountType: 'POSTPAID' } } },
      { sessionToken: adminA },
    );
    expect(errors).toBeUndefined();
    const partner = data?.['createPartner'].partner;
    expect(partner).toMatchObject({ name: 'Fix-It GmbH', role: 'SERVICE_PARTNER', status: 'DRAFT', parent: { id: tree.E.id }, organization: { email: 'info@fixit.example', vatPercent: 19 }, agreement: { deposit: '1500.50', currency: 'EUR', accountType: 'POSTPAID' } });
    expect(partner.partnerId).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}$/);
    const audit = await app.gql(`query($f: AuditEventFilter) { auditEvents(filter: $f) { edges { node { action } } } }`, { f: { objectId: partner.id } }, { sessionToken: adminA });
    expect(audit.data?.['auditEvents'].edges[0].node.action).toBe('partner.create');
  });

  it('takes a given Partner ID, and refuses one already in use', async () => {
    const first = await app.gql(CREATE, { input: { role: 'DEALER', partnerId: 'ab12c', profile: profile('Coded') } }, { sessionToken: adminA });
    expect(first.data?.['createPartner'].partner.partnerId).toBe('AB12C');
    const before = await countPartners();
    const again = await app.gql(CREATE, { input: { role: 'DEALER', partnerId: 'AB12C', profile: profile('Coded twice') } }, { sessionToken: adminA });
    expect(again.data?.['createPartner']).toMatchObject({ __typename: 'ValidationError', field: 'partnerId' });
    expect(await countPartners()).toBe(before);
  });

  it('gives every bad field its own message and creates nothing', async () => {
    const before = await countPartners();
    const { data } = await app.gql(
      CREATE,
      {
        input: {
          role: 'DEALER',
          partnerId: 'TOO-LONG',
          profile: { name: ' ', legalForm: 'x'.repeat(101), address: 'y'.repeat(501), email: 'not-mail', phone: 'call me', region: 'z'.repeat(101), iin: '12345', kpp: '12345678X', vatPercent: '150', accountingCode: 'c'.repeat(51) },
          agreement: { deposit: '12.345', currency: 'EURO', additionalCurrencies: [], accountType: 'FREE' },
        },
      },
      { sessionToken: adminA },
    );
    const result = data?.['createPartner'];
    expect(result.__typename).toBe('ValidationError');
    const fields = result.fieldErrors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(
      ['agreement.currency', 'partnerId', 'profile.accountingCode', 'profile.address', 'profile.email', 'profile.iin', 'profile.kpp', 'profile.legalForm', 'profile.name', 'profile.phone', 'profile.region', 'profile.vatPercent'].sort(),
    );
    const messages = Object.fromEntries(result.fieldErrors.map((e: { field: string; message: string }) => [e.field, e.message]));
    expect(messages['profile.iin']).toBe('The IIN has 12 digits.');
    expect(messages['profile.kpp']).toBe('The KPP has 9 digits.');
    expect(messages['profile.vatPercent']).toMatch(/VAT rate/);
    expect(await countPartners()).toBe(before);
  });

  it('lets a partner admin create only below its own partnership', async () => {
    const subAdmin = await app.signIn('sub-admin@world.example', WORLD_PASSWORD);
    const ok = await app.gql(CREATE, { input: { role: 'DEALER', parentId: tree.D1.id, profile: profile('Below D1') } }, { sessionToken: subAdmin });
    expect(ok.data?.['createPartner'].partner.parent.id).toBe(tree.D1.id);
    for (const parentId of [tree.D.id, tree.E.id, tree.PB.id, null]) {
      const r = await app.gql(CREATE, { input: { role: 'DEALER', parentId, profile: profile('Elsewhere') } }, { sessionToken: subAdmin });
      expect(r.data?.['createPartner'].__typename, String(parentId)).toMatch(/NotFoundError|ValidationError/);
    }
  });

  it('is refused to viewers, partner staff and technicians', async () => {
    for (const user of [world.users.viewerA, world.users.dealerStaff, world.users.technician]) {
      const token = await app.signIn(user.email, WORLD_PASSWORD);
      const r = await app.gql(CREATE, { input: { role: 'DEALER', profile: profile('Nope') } }, { sessionToken: token });
      expect(r.errors?.[0]?.extensions?.['code'], user.email).toBe('FORBIDDEN');
    }
  });
});

describe('visibility', () => {
  it('shows principal staff all of their partners and nothing of another principal', async () => {
    const viewer = await app.signIn(world.users.viewerA.email, WORLD_PASSWORD);
    const r = await app.gql(LIST, { first: 200 }, { sessionToken: viewer });
    const ids = r.data?.['partners'].edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids).toEqual(expect.arrayContaining([tree.D.id, tree.D1.id, tree.D2.id, tree.D1b.id, tree.E.id]));
    expect(ids).not.toContain(tree.PB.id);
    const other = await app.gql(ONE, { id: tree.D.id }, { sessionToken: await app.signIn(world.users.adminB.email, WORLD_PASSWORD) });
    expect(other.errors?.[0]?.extensions).toMatchObject({ reason: 'NOT_FOUND' });
  });

  it('shows a partner its own partnership and subtree, and refuses siblings, ancestors and other principals as not found', async () => {
    const subAdmin = await app.signIn('sub-admin@world.example', WORLD_PASSWORD);
    const r = await app.gql(LIST, { first: 200 }, { sessionToken: subAdmin });
    const names = r.data?.['partners'].edges.map((e: { node: { name: string } }) => e.node.name).sort();
    expect(names).toEqual(['Below D1', 'Sub One', 'Sub Two']);
    const missing = await app.gql(ONE, { id: '0190a5f0-0000-7000-8000-000000000000' }, { sessionToken: subAdmin });
    for (const hidden of [tree.D, tree.D1b, tree.E, tree.PB]) {
      const one = await app.gql(ONE, { id: hidden.id }, { sessionToken: subAdmin });
      expect(one.errors?.[0]?.message).toBe(missing.errors?.[0]?.message);
      expect(one.errors?.[0]?.extensions).toEqual(missing.errors?.[0]?.extensions);
      const change = await app.gql(SETTINGS, { input: { id: hidden.id, allowJobOverride: true, blocked: true, usersBlocked: false, passwordPolicy: 'SIMPLE' } }, { sessionToken: subAdmin });
      expect(change.data?.['updatePartnerSettings'].__typename).toBe('NotFoundError');
      const move = await app.gql(MOVE, { input: { id: tree.D2.id, parentId: hidden.id } }, { sessionToken: subAdmin });
      expect(move.data?.['movePartner'].__typename).toBe('NotFoundError');
    }
    // its own partnership is visible, not manageable, and its parent stays hidden
    const own = await app.gql(`query($id: ID!) { partner(id: $id) { manageable parent { id } ancestors { id } } }`, { id: tree.D1.id }, { sessionToken: subAdmin });
    expect(own.data?.['partner']).toEqual({ manageable: false, parent: null, ancestors: [] });
    const agreement = await app.gql(AGREEMENT, { input: { id: tree.D1.id, agreement: { deposit: '0', currency: 'EUR', additionalCurrencies: [], accountType: 'FREE' } } }, { sessionToken: subAdmin });
    expect(agreement.data?.['updatePartnerAgreement'].__typename).toBe('NotFoundError');
    const malformed = await app.gql(ONE, { id: 'not-a-uuid' }, { sessionToken: subAdmin });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ reason: 'NOT_FOUND' });
  });

  it('refuses the partners list to technicians', async () => {
    const technician = await app.signIn(world.users.technician.email, WORLD_PASSWORD);
    const r = await app.gql(LIST, {}, { sessionToken: technician });
    expect(r.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});

describe('partners list', () => {
  it('searches by name, e-mail or Partner ID, filters and sorts', async () => {
    const byCode = await app.gql(LIST, { filter: { search: tree.D2.code.toLowerCase() } }, { sessionToken: adminA });
    expect(byCode.data?.['partners'].edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([tree.D2.id]);
    const byName = await app.gql(LIST, { filter: { search: 'sub ' } }, { sessionToken: adminA });
    expect(byName.data?.['partners'].totalCount).toBe(3);
    const children = await app.gql(LIST, { filter: { parentId: tree.D.id } }, { sessionToken: adminA });
    expect(children.data?.['partners'].edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Sub One', 'Sub Sibling']);
    const desc = await app.gql(LIST, { filter: { parentId: tree.D.id }, orderBy: { field: 'NAME', direction: 'DESC' } }, { sessionToken: adminA });
    expect(desc.data?.['partners'].edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Sub Sibling', 'Sub One']);
    const top = await app.gql(LIST, { first: 200, filter: { topLevel: true } }, { sessionToken: adminA });
    expect(top.data?.['partners'].edges.every((e: { node: { parent: unknown } }) => e.node.parent === null)).toBe(true);
    const counted = top.data?.['partners'].edges.find((e: { node: { id: string } }) => e.node.id === tree.D.id);
    expect(counted.node.subPartnerCount).toBe(2);
  });

  it('pages by keyset through every sort order without gaps or repeats', async () => {
    for (const field of ['NAME', 'PARTNER_ID', 'ROLE', 'STATUS', 'CREATED_AT']) {
      const all = await app.gql(LIST, { first: 200, orderBy: { field, direction: 'ASC' } }, { sessionToken: adminA });
      const expected = all.data?.['partners'].edges.map((e: { node: { id: string } }) => e.node.id);
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: Awaited<ReturnType<TestApp['gql']>> = await app.gql(LIST, { first: 2, after, orderBy: { field, direction: 'ASC' } }, { sessionToken: adminA });
        seen.push(...(page.data?.['partners'].edges ?? []).map((e: { node: { id: string } }) => e.node.id));
        after = page.data?.['partners'].pageInfo.hasNextPage ? page.data?.['partners'].pageInfo.endCursor : null;
      } while (after);
      expect(seen, field).toEqual(expected);
    }
  });

  it('keeps the number of SQL statements flat as the page grows (no N+1)', async () => {
    const em = app.systemEm();
    const parent = makePartner(em, world.principalA, { profile: { name: 'Bulk parent' } });
    for (let i = 0; i < 110; i++) makePartner(em, world.principalA, { parent, profile: { name: `Bulk ${String(i).padStart(3, '0')}` } });
    await em.flush();
    const count = (first: number) =>
      app.countStatements(async () => {
        const r = await app.gql(LIST, { first, filter: { parentId: parent.id } }, { sessionToken: adminA });
        expect(r.data?.['partners'].edges).toHaveLength(first);
      });
    const small = await count(10);
    const large = await count(100);
    expect(large).toBe(small);
    // one of them opens the filter's parent first, as partner(id) would (access/filter-ids.ts)
    expect(small).toBeLessThanOrEqual(9);
  });
});

describe('profile claim lock', () => {
  it('lets the principal edit an unclaimed profile, and only the partner itself once claimed', async () => {
    const ok = await app.gql(PROFILE, { input: { id: tree.D2.id, profile: { name: 'Sub Two Renamed', iin: '000000000001' } } }, { sessionToken: adminA });
    expect(ok.data?.['updatePartnerProfile']).toMatchObject({ __typename: 'PartnerSuccess', partner: { name: 'Sub Two Renamed' } });
    const locked = await app.gql(PROFILE, { input: { id: tree.D1.id, profile: { name: 'Hijacked' } } }, { sessionToken: adminA });
    expect(locked.data?.['updatePartnerProfile']).toMatchObject({ __typename: 'PartnerClaimedError', code: 'PARTNER_CLAIMED' });
    const view = await app.gql(ONE, { id: tree.D1.id }, { sessionToken: adminA });
    expect(view.data?.['partner']).toMatchObject({ profileEditable: false, manageable: true });
    const subAdmin = await app.signIn('sub-admin@world.example', WORLD_PASSWORD);
    const own = await app.gql(PROFILE, { input: { id: tree.D1.id, profile: { name: 'Sub One GmbH', kpp: '12' } } }, { sessionToken: subAdmin });
    expect(own.data?.['updatePartnerProfile']).toMatchObject({ __typename: 'ValidationError', field: 'profile.kpp' });
    const good = await app.gql(PROFILE, { input: { id: tree.D1.id, profile: { name: 'Sub One' } } }, { sessionToken: subAdmin });
    expect(good.data?.['updatePartnerProfile'].__typename).toBe('PartnerSuccess');
  });

  it('keeps agreement and settings the principal\'s after claiming', async () => {
    const r = await app.gql(AGREEMENT, { input: { id: tree.D1.id, agreement: { deposit: '99.9', currency: 'chf', additionalCurrencies: ['EUR', 'USD'], accountType: 'POSTPAID' } } }, { sessionToken: adminA });
    expect(r.data?.['updatePartnerAgreement'].partner.agreement).toEqual({ deposit: '99.90', depositMinor: 9990, currency: 'CHF', additionalCurrencies: ['EUR', 'USD'], accountType: 'POSTPAID' });
    const bad = await app.gql(AGREEMENT, { input: { id: tree.D1.id, agreement: { deposit: '-1', currency: 'CHF', additionalCurrencies: ['CHF'], accountType: 'POSTPAID' } } }, { sessionToken: adminA });
    expect(bad.data?.['updatePartnerAgreement'].fieldErrors.map((e: { field: string }) => e.field).sort()).toEqual(['agreement.additionalCurrencies', 'agreement.deposit']);
    const stored = await app.systemEm().findOneOrFail(Partner, { id: tree.D1.id });
    expect(stored.depositMinor).toBe(9990);
  });
});

describe('movePartner', () => {
  it('refuses a move under its own descendant with PartnerCycleError and changes nothing', async () => {
    for (const target of [tree.D.id, tree.D2.id]) {
      const r = await app.gql(MOVE, { input: { id: tree.D.id, parentId: target } }, { sessionToken: adminA });
      expect(r.data?.['movePartner']).toMatchObject({ __typename: 'PartnerCycleError', code: 'PARTNER_CYCLE', field: 'parentId' });
    }
    const stored = await app.systemEm().findOneOrFail(Partner, { id: tree.D.id });
    expect(stored.parent).toBeNull();
  });

  it('moves a subtree; ancestors and descendants follow', async () => {
    const r = await app.gql(MOVE, { input: { id: tree.D1.id, parentId: tree.E.id } }, { sessionToken: adminA });
    expect(r.data?.['movePartner'].partner).toEqual({ parent: { id: tree.E.id }, ancestors: [{ id: tree.E.id }] });
    const e = await app.gql(ONE, { id: tree.E.id }, { sessionToken: adminA });
    const below = e.data?.['partner'].descendants.map((d: { depth: number; partner: { id: string } }) => [d.partner.id, d.depth]);
    expect(below).toEqual(expect.arrayContaining([[tree.D1.id, 1], [tree.D2.id, 2]]));
    const two = await app.gql(ONE, { id: tree.D2.id }, { sessionToken: adminA });
    expect(two.data?.['partner'].ancestors.map((a: { id: string }) => a.id)).toEqual([tree.E.id, tree.D1.id]);
    await app.gql(MOVE, { input: { id: tree.D1.id, parentId: tree.D.id } }, { sessionToken: adminA });
  });
});

describe('blocking', () => {
  const blockSettings = (id: string, blocked: boolean, usersBlocked = false) => ({ input: { id, allowJobOverride: false, blocked, usersBlocked, passwordPolicy: 'SIMPLE' } });

  it('cuts the partner and its subtree on their very next request, with a clear reason, and lets them back when lifted', async () => {
    const dealerAdmin = await app.signIn(world.users.dealerAdmin.email, WORLD_PASSWORD);
    const subAdmin = await app.signIn('sub-admin@world.example', WORLD_PASSWORD);
    const em = app.systemEm();
    const { token: subKey } = makeApiKey(em, tree.D1.organization, { role: 'ADMIN' }, app.deps.env.SESSION_SECRET);
    await em.flush();
    expect((await app.gql(ME, {}, { bearerToken: subKey })).errors).toBeUndefined();

    expect((await app.gql(SETTINGS, blockSettings(tree.D.id, true), { sessionToken: adminA })).data?.['updatePartnerSettings'].__typename).toBe('PartnerSuccess');
    for (const credentials of [{ sessionToken: dealerAdmin }, { sessionToken: subAdmin }, { bearerToken: subKey }]) {
      const r = await app.gql(ME, {}, credentials);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT_BLOCKED' });
      expect(r.errors?.[0]?.message).toMatch(/blocked/);
    }
    const signIn = await app.gql(`mutation($input: SignInInput!) { signIn(input: $input) { __typename ... on ErrorResult { message } } }`, { input: { email: 'sub-admin@world.example', password: WORLD_PASSWORD } });
    expect(signIn.data?.['signIn']).toMatchObject({ __typename: 'AccountBlockedError', message: expect.stringMatching(/blocked/) });
    // principal staff and other partners are untouched
    expect((await app.gql(ME, {}, { sessionToken: adminA })).errors).toBeUndefined();
    await app.gql(SETTINGS, blockSettings(tree.D.id, false), { sessionToken: adminA });
    expect((await app.gql(ME, {}, { sessionToken: subAdmin })).errors).toBeUndefined();
  });

  it('"block users" stops the users of its sub-partners but neither its own nor API keys', async () => {
    const dealerAdmin = await app.signIn(world.users.dealerAdmin.email, WORLD_PASSWORD);
    const subAdmin = await app.signIn('sub-admin@world.example', WORLD_PASSWORD);
    const em = app.systemEm();
    const { token: subKey } = makeApiKey(em, tree.D1.organization, { role: 'ADMIN' }, app.deps.env.SESSION_SECRET);
    await em.flush();
    await app.gql(SETTINGS, blockSettings(tree.D.id, false, true), { sessionToken: adminA });
    expect((await app.gql(ME, {}, { sessionToken: subAdmin })).errors?.[0]?.extensions).toMatchObject({ reason: 'ACCOUNT_BLOCKED' });
    expect((await app.gql(ME, {}, { sessionToken: dealerAdmin })).errors).toBeUndefined();
    expect((await app.gql(ME, {}, { bearerToken: subKey })).errors).toBeUndefined();
    await app.gql(SETTINGS, blockSettings(tree.D.id, false, false), { sessionToken: adminA });
    expect((await app.gql(ME, {}, { sessionToken: subAdmin })).errors).toBeUndefined();
  });
});

describe('archive and restore', () => {
  it('refuses to archive a partner with active sub-partners', async () => {
    const r = await app.gql(ARCHIVE, { input: { id: tree.D.id } }, { sessionToken: adminA });
    expect(r.data?.['archivePartner']).toMatchObject({ __typename: 'ValidationError', message: expect.stringMatching(/2 active sub-partner/) });
  });

  it('archives a leaf out of the default list and restores it', async () => {
    const leaf = (await app.gql(CREATE, { input: { role: 'OEM', profile: profile('Archivable Leaf') } }, { sessionToken: adminA })).data?.['createPartner'].partner;
    const archived = await app.gql(ARCHIVE, { input: { id: leaf.id } }, { sessionToken: adminA });
    expect(archived.data?.['archivePartner'].partner.archivedAt).toBeTruthy();
    const active = await app.gql(LIST, { filter: { search: 'Archivable' } }, { sessionToken: adminA });
    expect(active.data?.['partners'].totalCount).toBe(0);
    const inArchive = await app.gql(LIST, { filter: { search: 'Archivable', archived: true } }, { sessionToken: adminA });
    expect(inArchive.data?.['partners'].totalCount).toBe(1);
    expect((await app.gql(RESTORE, { input: { id: leaf.id } }, { sessionToken: adminA })).data?.['restorePartner'].__typename).toBe('PartnerSuccess');
    expect((await app.gql(LIST, { filter: { search: 'Archivable' } }, { sessionToken: adminA })).data?.['partners'].totalCount).toBe(1);
  });

  it('answers a change that changes nothing with a clear ValidationError, and records nothing', async () => {
    const leaf = (await app.gql(CREATE, { input: { role: 'OEM', parentId: tree.E.id, profile: profile('Unmoved Leaf') } }, { sessionToken: adminA })).data?.['createPartner'].partner;
    const auditCount = () => app.systemEm().count(AuditEvent, { objectId: leaf.id });
    const before = await auditCount();
    const noOps = [
      [MOVE, 'movePartner', { id: leaf.id, parentId: tree.E.id }, /already under this parent/],
      [RESTORE, 'restorePartner', { id: leaf.id }, /not archived/],
    ] as const;
    for (const [mutation, field, input, message] of noOps) {
      const r = await app.gql(mutation, { input }, { sessionToken: adminA });
      expect(r.errors).toBeUndefined();
      expect(r.data?.[field]).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED', message: expect.stringMatching(message) });
    }
    expect((await app.gql(ARCHIVE, { input: { id: leaf.id } }, { sessionToken: adminA })).data?.['archivePartner'].__typename).toBe('PartnerSuccess');
    const again = await app.gql(ARCHIVE, { input: { id: leaf.id } }, { sessionToken: adminA });
    expect(again.errors).toBeUndefined();
    expect(again.data?.['archivePartner']).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED', message: expect.stringMatching(/already archived/) });
    // the one real archive, nothing for the refused no-ops
    expect(await auditCount()).toBe(before + 1);
    const top = await app.gql(MOVE, { input: { id: tree.E.id, parentId: null } }, { sessionToken: adminA });
    expect(top.data?.['movePartner']).toMatchObject({ __typename: 'ValidationError', message: expect.stringMatching(/already at the top level/) });
  });
});
