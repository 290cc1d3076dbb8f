import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { SCOPE_ROLES, buildScopeWorld } from '../../testing/scope-world.js';
import type { ScopeRole, ScopeWorld } from '../../testing/scope-world.js';

/**
 * Exports apply exactly the field rules of the API (issue 15, leak 2): for every role, every
 * export's cells are what the list's fields answer that role — a cell the field hides (an owner
 * seen only through a job grant, a parent above the viewer's tree, a vehicle or configuration
 * after the grant ended) is empty in the file, and the rows are the list's rows.
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

type Row = Record<string, string>;
const rowsOf = (text: string): Row[] => parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true });

/** The list as `role` sees it, or null when the role may not list at all (then the export must be refused too). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk list nodes of any shape
async function list(role: ScopeRole, query: string, field: string): Promise<Record<string, any>[] | null> {
  const { data, errors } = await w.gql(role, query);
  if (errors?.some((e) => e.extensions?.['code'] === 'FORBIDDEN' && e.extensions?.['path'] === undefined) && !data?.[field]) return null;
  return (data?.[field]?.edges ?? []).map((e: { node: unknown }) => e.node);
}

async function csv(role: ScopeRole, query: string, field: string): Promise<Row[] | null> {
  const { data, errors } = await w.gql(role, query);
  if (!data?.[field]) {
    expect(errors?.[0]?.extensions?.['code'], `${role}: ${JSON.stringify(errors)}`).toBe('FORBIDDEN');
    return null;
  }
  return rowsOf(data[field]);
}

describe.each(SCOPE_ROLES)('exports as %s', (role) => {
  it('vehiclesCsv: owner_email is the first OWNER the `owners` field shows, partner_id one of the assignments the field shows', async () => {
    const base = await w.gql(role, '{ vehicles(first: 20) { edges { node { vin assignments { partner { partnerId } } } } } }');
    const withOwners = await w.gql(role, '{ vehicles(first: 20) { edges { node { vin owners { kind owner { email } } } } } }');
    const exported = await csv(role, '{ vehiclesCsv }', 'vehiclesCsv');
    if (!base.data) {
      expect(exported).toBeNull();
      return;
    }
    // a role that may not read owners (FORBIDDEN on the field) gets an empty cell
    const ownersOf = new Map<string, { kind: string; owner: { email: string } }[]>(
      (withOwners.data?.['vehicles'].edges ?? []).map((e: { node: { vin: string; owners: [] } }) => [e.node.vin, e.node.owners]),
    );
    if (!withOwners.data) expect(withOwners.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const nodes: { vin: string; assignments: { partner: { partnerId: string } }[] }[] = base.data['vehicles'].edges.map((e: { node: unknown }) => e.node);
    expect(exported!.map((r) => r['vin']).sort()).toEqual(nodes.map((n) => n.vin).sort());
    for (const node of nodes) {
      const row = exported!.find((r) => r['vin'] === node.vin)!;
      const firstOwner = (ownersOf.get(node.vin) ?? []).find((o) => o.kind === 'OWNER')?.owner.email ?? '';
      expect(row['owner_email'], `${role}: owner_email of ${node.vin}`).toBe(firstOwner);
      const codes = node.assignments.map((a) => a.partner.partnerId);
      if (row['partner_id']) expect(codes, `${role}: partner_id of ${node.vin}`).toContain(row['partner_id']);
    }
  });

  it('partnersCsv: parent_partner_id is what `parent` shows', async () => {
    const nodes = await list(role, '{ partners(first: 20) { edges { node { partnerId parent { partnerId } } } } }', 'partners');
    const exported = await csv(role, '{ partnersCsv }', 'partnersCsv');
    if (nodes === null || exported === null) {
      expect(exported).toBe(nodes);
      return;
    }
    expect(exported.map((r) => r['partner_id']).sort()).toEqual(nodes.map((n) => n['partnerId']).sort());
    for (const node of nodes) {
      const row = exported.find((r) => r['partner_id'] === node['partnerId'])!;
      expect(row['parent_partner_id'], `${role}: parent of ${node['partnerId']}`).toBe(node['parent']?.partnerId ?? '');
    }
  });

  it('ownersCsv: vehicle_count counts the vehicles `vehicles` shows', async () => {
    const nodes = await list(role, '{ owners(first: 20) { edges { node { email vehicles { vehicle { id } } } } } }', 'owners');
    const exported = await csv(role, '{ ownersCsv }', 'ownersCsv');
    if (nodes === null || exported === null) {
      expect(exported).toBe(nodes);
      return;
    }
    expect(exported.map((r) => r['email']).sort()).toEqual(nodes.map((n) => n['email']).sort());
    for (const node of nodes) expect(exported.find((r) => r['email'] === node['email'])!['vehicle_count'], `${role}: ${node['email']}`).toBe(String(node['vehicles'].length));
  });

  it('jobs.csv: vin and configuration are what `vehicle` and `configuration` show', async () => {
    const nodes = await list(role, '{ jobs(first: 20) { edges { node { id vehicle { vin } configuration { deviceSerial firmware } } } } }', 'jobs');
    const exported = await w.jobsCsv(role);
    if (nodes === null) {
      expect(exported.status).toBe(403);
      return;
    }
    expect(exported.status).toBe(200);
    const rows = rowsOf(exported.text);
    expect(rows.map((r) => r['job_id']).sort()).toEqual(nodes.map((n) => n['id']).sort());
    for (const node of nodes) {
      const row = rows.find((r) => r['job_id'] === node['id'])!;
      expect(row['vin']).toBe(node['vehicle']?.vin ?? '');
      expect(row['device_serial']).toBe(node['configuration']?.deviceSerial ?? '');
      expect(row['firmware']).toBe(node['configuration']?.firmware ?? '');
    }
  });
});
