import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { startSmtp } from '../../testing/smtp-server.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { OutboxEmail } from '../mail/outbox-email.entity.js';
import { Partner } from '../partner/partner.entity.js';
import { makePartner } from '../partner/partner.factory.js';
import { makeUser } from '../user/user.factory.js';
import { PartnerInvitation } from './partner-invitation.entity.js';

const ERR = '... on ErrorResult { code field message } ... on ValidationError { fieldErrors { field message } }';
const SEND = `mutation($input: SendPartnerInvitationInput!) { sendPartnerInvitation(input: $input) { __typename ... on PartnerSuccess { partner { status invitation { email state } } } ${ERR} } }`;
const REVOKE = `mutation($input: RevokePartnerInvitationInput!) { revokePartnerInvitation(input: $input) { __typename ... on PartnerSuccess { partner { status invitation { state } } } ${ERR} } }`;
const PREVIEW = `query($token: String!) { invitation(token: $token) { state principalName partnerName email passwordPolicy } }`;
const CLAIM = `mutation($input: ClaimInvitationInput!) { claimInvitation(input: $input) { __typename ... on ClaimSuccess { organizationName principalName } ... on InvitationUnusableError { state } ${ERR} } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { __typename ... on ClaimSuccess { organizationName } ... on InvitationUnusableError { state } ${ERR} } }`;
const DECLINE = `mutation($input: DeclineInvitationInput!) { declineInvitation(input: $input) { __typename ... on InvitationUnusableError { state } } }`;
const ADMIN = `mutation($input: CreatePartnerAdminInput!) { createPartnerAdmin(input: $input) { __typename ... on PartnerSuccess { partner { status claimedAt } } ${ERR} } }`;

let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let adminA: string;
let sequence = 0;

beforeAll(async () => {
  app = await createTestApp();
  world = await buildWorld(app.systemEm());
  adminA = await app.signIn(world.users.adminA.email, WORLD_PASSWORD);
});
afterAll(async () => app?.close());

/** A fresh unclaimed partner of principal A. */
async function draftPartner(policy: 'SIMPLE' | 'COMPLEX' = 'SIMPLE'): Promise<Partner> {
  const em = app.systemEm();
  sequence += 1;
  const partner = makePartner(em, world.principalA, { profile: { name: `Invitee ${sequence}`, email: `office${sequence}@invitee.example`, passwordPolicy: policy } });
  await em.flush();
  return partner;
}

/** Sends the invitation and reads the link's token from the development outbox. */
async function invite(partner: Partner, email?: string): Promise<string> {
  const r = await app.gql(SEND, { input: { partnerId: partner.id, email } }, { sessionToken: adminA });
  expect(r.data?.['sendPartnerInvitation'].__typename).toBe('PartnerSuccess');
  const mails = await app.systemEm().find(OutboxEmail, { subject: { $like: `%${partner.organization.name} to Partner Hub` } }, { orderBy: { createdAt: 'desc' } });
  const token = /\/claim\/([A-Za-z0-9_-]+)/.exec(mails[0]?.text ?? '')?.[1];
  if (!token) throw new Error('no invitation link in the outbox');
  return token;
}

const claimInput = (token: string, email: string, password = 'a-good-password') => ({ input: { token, email, name: 'First Admin', password } });

describe('sending an invitation', () => {
  it('e-mails a single-use link, stores only its hash, and marks the partner PENDING', async () => {
    const partner = await draftPartner();
    const token = await invite(partner);
    const stored = await app.systemEm().findOneOrFail(PartnerInvitation, { partner: partner.id });
    expect(stored.email).toBe(partner.organization.email);
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    const preview = await app.gql(PREVIEW, { token });
    expect(preview.data?.['invitation']).toEqual({ state: 'OPEN', principalName: world.principalA.name, partnerName: partner.organization.name, email: partner.organization.email, passwordPolicy: 'SIMPLE' });
    const status = await app.systemEm().findOneOrFail(Partner, { id: partner.id });
    expect(status.status).toBe('PENDING');
  });

  it('re-sending voids the old link and starts a new validity', async () => {
    const partner = await draftPartner();
    const old = await invite(partner, 'first@invitee.example');
    const fresh = await invite(partner);
    expect((await app.gql(PREVIEW, { token: old })).data?.['invitation'].state).toBe('REVOKED');
    const claimOld = await app.gql(CLAIM, claimInput(old, 'old-link@invitee.example'));
    expect(claimOld.data?.['claimInvitation']).toMatchObject({ __typename: 'InvitationUnusableError', state: 'REVOKED' });
    const preview = await app.gql(PREVIEW, { token: fresh });
    expect(preview.data?.['invitation']).toMatchObject({ state: 'OPEN', email: 'first@invitee.example' });
  });

  it('withdrawing makes the link unusable and the partner a draft again', async () => {
    const partner = await draftPartner();
    const token = await invite(partner);
    const r = await app.gql(REVOKE, { input: { partnerId: partner.id } }, { sessionToken: adminA });
    expect(r.data?.['revokePartnerInvitation'].partner).toEqual({ status: 'DRAFT', invitation: { state: 'REVOKED' } });
    expect((await app.gql(CLAIM, claimInput(token, 'x@invitee.example'))).data?.['claimInvitation'].state).toBe('REVOKED');
  });

  it('is refused to viewers and to other principals (as not found)', async () => {
    const partner = await draftPartner();
    const viewer = await app.signIn(world.users.viewerA.email, WORLD_PASSWORD);
    expect((await app.gql(SEND, { input: { partnerId: partner.id } }, { sessionToken: viewer })).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const adminB = await app.signIn(world.users.adminB.email, WORLD_PASSWORD);
    expect((await app.gql(SEND, { input: { partnerId: partner.id } }, { sessionToken: adminB })).data?.['sendPartnerInvitation'].__typename).toBe('NotFoundError');
    expect(await app.systemEm().count(PartnerInvitation, { partner: partner.id })).toBe(0);
  });
});

describe('claiming', () => {
  it('creates the first admin with a password meeting the partner\'s policy, then the link is spent', async () => {
    const partner = await draftPartner('COMPLEX');
    const token = await invite(partner);
    const weak = await app.gql(CLAIM, claimInput(token, 'boss@claimed.example', 'simple-password'));
    expect(weak.data?.['claimInvitation']).toMatchObject({ __typename: 'ValidationError', field: 'password' });
    const ok = await app.gql(CLAIM, claimInput(token, 'Boss@Claimed.example', 'Str0ng&Complex!pw'));
    expect(ok.data?.['claimInvitation']).toEqual({ __typename: 'ClaimSuccess', organizationName: partner.organization.name, principalName: world.principalA.name });
    const session = await app.signIn('boss@claimed.example', 'Str0ng&Complex!pw');
    const me = await app.gql(`query { viewer { role organization { name } } partners { edges { node { id status } } } }`, {}, { sessionToken: session });
    expect(me.data?.['viewer']).toEqual({ role: 'ADMIN', organization: { name: partner.organization.name } });
    expect(me.data?.['partners'].edges).toEqual([{ node: { id: partner.id, status: 'ACCEPTED' } }]);
    const again = await app.gql(CLAIM, claimInput(token, 'second@claimed.example'));
    expect(again.data?.['claimInvitation']).toMatchObject({ __typename: 'InvitationUnusableError', state: 'USED' });
    expect((await app.gql(PREVIEW, { token })).data?.['invitation']).toEqual({ state: 'USED', principalName: null, partnerName: null, email: null, passwordPolicy: null });
  });

  it('lets exactly one of two simultaneous claims win', async () => {
    const partner = await draftPartner();
    const token = await invite(partner);
    const results = await Promise.all([app.gql(CLAIM, claimInput(token, 'racer1@claimed.example')), app.gql(CLAIM, claimInput(token, 'racer2@claimed.example'))]);
    const kinds = results.map((r) => r.data?.['claimInvitation'].__typename).sort();
    expect(kinds).toEqual(['ClaimSuccess', 'InvitationUnusableError']);
  });

  it('refuses an expired link with a clear state', async () => {
    const partner = await draftPartner();
    const token = await invite(partner);
    await app.systemEm().nativeUpdate(PartnerInvitation, { partner: partner.id }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await app.gql(PREVIEW, { token })).data?.['invitation'].state).toBe('EXPIRED');
    const r = await app.gql(CLAIM, claimInput(token, 'late@claimed.example'));
    expect(r.data?.['claimInvitation']).toMatchObject({ __typename: 'InvitationUnusableError', state: 'EXPIRED', message: expect.stringMatching(/expired/) });
    expect((await app.systemEm().findOneOrFail(Partner, { id: partner.id })).status).toBe('PENDING');
  });

  it('answers an unknown token as UNKNOWN, not as an error', async () => {
    expect((await app.gql(PREVIEW, { token: 'no-such-token' })).data?.['invitation'].state).toBe('UNKNOWN');
    expect((await app.gql(CLAIM, claimInput('no-such-token', 'who@claimed.example'))).data?.['claimInvitation'].state).toBe('UNKNOWN');
  });

  it('declining spends the link and makes the partner a draft again', async () => {
    const partner = await draftPartner();
    const token = await invite(partner);
    expect((await app.gql(DECLINE, { input: { token } })).data?.['declineInvitation'].__typename).toBe('DeclineSuccess');
    expect((await app.gql(PREVIEW, { token })).data?.['invitation'].state).toBe('DECLINED');
    expect((await app.systemEm().findOneOrFail(Partner, { id: partner.id })).status).toBe('DRAFT');
  });

  it('connects an organization that already works for another principal', async () => {
    const em = app.systemEm();
    const existing = makePartner(em, world.principalB, { status: 'ACCEPTED', profile: { name: 'Multi-Fleet Service' } });
    const admin = await makeUser(em, existing.organization, { role: 'ADMIN', email: 'admin@multi-fleet.example', password: WORLD_PASSWORD });
    await makeUser(em, existing.organization, { role: 'STAFF', email: 'staff@multi-fleet.example', password: WORLD_PASSWORD });
    await em.flush();
    const partner = await draftPartner();
    const token = await invite(partner);
    const staff = await app.gql(ACCEPT, { input: { token, email: 'staff@multi-fleet.example', password: WORLD_PASSWORD } });
    expect(staff.data?.['acceptInvitation']).toMatchObject({ __typename: 'ValidationError', field: 'email' });
    const wrong = await app.gql(ACCEPT, { input: { token, email: admin.email, password: 'wrong-password' } });
    expect(wrong.data?.['acceptInvitation'].__typename).toBe('InvalidCredentialsError');
    const ok = await app.gql(ACCEPT, { input: { token, email: admin.email, password: WORLD_PASSWORD } });
    expect(ok.data?.['acceptInvitation']).toEqual({ __typename: 'ClaimSuccess', organizationName: 'Multi-Fleet Service' });
    const session = await app.signIn(admin.email, WORLD_PASSWORD);
    const mine = await app.gql(`query { partners(first: 10) { edges { node { id } } } }`, {}, { sessionToken: session });
    expect(mine.data?.['partners'].edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual([existing.id, partner.id].sort());
  });
});

describe('createPartnerAdmin', () => {
  it('creates the partner admin directly under the partner\'s policy and claims the partner', async () => {
    const partner = await draftPartner('COMPLEX');
    const weak = await app.gql(ADMIN, { input: { partnerId: partner.id, email: 'direct@admin.example', name: 'Direct', password: 'weakweakweak' } }, { sessionToken: adminA });
    expect(weak.data?.['createPartnerAdmin']).toMatchObject({ __typename: 'ValidationError', field: 'password' });
    const taken = await app.gql(ADMIN, { input: { partnerId: partner.id, email: world.users.adminB.email, name: 'Dup', password: 'Str0ng&Complex!pw' } }, { sessionToken: adminA });
    expect(taken.data?.['createPartnerAdmin'].__typename).toBe('EmailTakenError');
    const ok = await app.gql(ADMIN, { input: { partnerId: partner.id, email: 'direct@admin.example', name: 'Direct', password: 'Str0ng&Complex!pw' } }, { sessionToken: adminA });
    expect(ok.data?.['createPartnerAdmin'].partner.status).toBe('ACCEPTED');
    await app.signIn('direct@admin.example', 'Str0ng&Complex!pw');
  });
});

describe('invitation over SMTP', () => {
  it('reaches a real SMTP server, and its link claims the partner', async () => {
    const smtp = await startSmtp();
    const mailApp = await createTestApp({ smtpUrl: smtp.url });
    try {
      const em = mailApp.systemEm();
      const mailWorld = await buildWorld(em);
      const partner = makePartner(em, mailWorld.principalA, { profile: { name: 'Over The Wire' } });
      await em.flush();
      const admin = await mailApp.signIn(mailWorld.users.adminA.email, WORLD_PASSWORD);
      const sent = await mailApp.gql(SEND, { input: { partnerId: partner.id, email: 'owner@wire.example' } }, { sessionToken: admin });
      expect(sent.data?.['sendPartnerInvitation'].__typename).toBe('PartnerSuccess');
      await expect.poll(() => smtp.received.length, { timeout: 5000 }).toBeGreaterThan(0);
      const mail = smtp.received[0];
      expect(mail?.to).toEqual(['owner@wire.example']);
      const body = (mail?.data ?? '').replace(/=\r?\n/g, '');
      const link = /http:\/\/localhost:\d+\/claim\/([A-Za-z0-9_-]+)/.exec(body);
      expect(link, body).not.toBeNull();
      const claim = await mailApp.gql(CLAIM, claimInput(link?.[1] ?? '', 'owner@wire.example'));
      expect(claim.data?.['claimInvitation'].__typename).toBe('ClaimSuccess');
      expect(await mailApp.systemEm().count(OutboxEmail, {})).toBe(0);
    } finally {
      await mailApp.close();
      await smtp.close();
    }
  });
});
