/**
 * The benchmarks' data, built set-based (generate_series) so a million jobs take minutes, not
 * hours. Row g of each table gets a predictable id (`benchId`), so one builder can refer to
 * another's rows without reading them back: partner g hangs under partner g / 10, vehicle g is
 * assigned to partner 1 + g % partners, job g is on vehicle 1 + g % vehicles.
 */
import type { MikroORM } from '@mikro-orm/postgresql';

type Connection = ReturnType<MikroORM['em']['getConnection']>;

/** the id prefixes of bench rows: `<prefix>-<g as 12 hex digits>` */
const PREFIX = {
  organization: '00000000-0000-7000-8000',
  partner: '00000000-0000-7000-9000',
  vehicle: '00000000-0000-7000-a000',
  assignment: '00000000-0000-7000-b000',
  owner: '00000000-0000-7000-c000',
  ownerAccess: '00000000-0000-7000-d000',
  job: '00000000-0001-7000-8000',
} as const;

/** The id of bench row `g` of `table`. */
export const benchId = (table: keyof typeof PREFIX, g: number) => `${PREFIX[table]}-${g.toString(16).padStart(12, '0')}`;
/** the same in SQL, for the row number expression `g` */
const sqlId = (table: keyof typeof PREFIX, g: string) => `('${PREFIX[table]}-' || lpad(to_hex(${g}), 12, '0'))::uuid`;

/**
 * `count` partners (rows offset+1 … offset+count) of `principalId`, each with its organization, in
 * a tree about 4 levels deep: the first 100 are roots, each later row hangs under row g / 10.
 * Roles cycle DEALER, SERVICE_PARTNER (g % 3 = 1), OEM; every 97th is blocked.
 */
export async function seedPartners(connection: Connection, principalId: string, count: number, offset = 0): Promise<void> {
  await connection.execute(
    `insert into organization (id, created_at, updated_at, kind, name, email, region, password_policy)
     select ${sqlId('organization', 'g')}, now(), now(), 'PARTNER',
            'Partner ' || md5(g::text), 'contact' || g || '@partner.example', (array['Berlin','Hamburg','Bavaria','Saxony'])[1 + g % 4], 'SIMPLE'
     from generate_series(? + 1, ? + ?) g`,
    [offset, offset, count],
  );
  await connection.execute(
    `insert into partner (id, created_at, updated_at, principal_id, organization_id, role, code, parent_id, status, blocked, users_blocked, allow_job_override, deposit_minor, currency, additional_currencies, account_type)
     select ${sqlId('partner', 'g')}, now() - (g || ' minutes')::interval, now(), ?::uuid, ${sqlId('organization', 'g')},
            (array['DEALER','SERVICE_PARTNER','OEM'])[1 + g % 3]::partner_role, upper(lpad(to_hex(g), 5, '0')),
            case when g - ? <= 100 then null else ${sqlId('partner', '? + (g - ?) / 10')} end,
            (array['DRAFT','PENDING','ACCEPTED'])[1 + g % 3]::partner_status, g % 97 = 0, false, false, 0, 'EUR', '{}', 'PREPAID'
     from generate_series(? + 1, ? + ?) g order by g`,
    [principalId, offset, offset, offset, offset, offset, count],
  );
  await connection.execute('analyze organization; analyze partner');
}

/** `count` vehicles (rows offset+1 … offset+count) of `principalId`: VIN-like, unique, searchable VINs, plates and serials. */
export async function seedVehicles(connection: Connection, principalId: string, count: number, offset = 0): Promise<void> {
  await connection.execute(
    `insert into vehicle (id, created_at, updated_at, principal_id, vin, make, model, year, plate, device_serial, device_model, firmware)
     select ${sqlId('vehicle', 'g')}, now() - (g || ' seconds')::interval, now(), ?::uuid,
            'W' || upper(substr(translate(md5(g::text), 'io', 'xy'), 1, 10)) || lpad(g::text, 6, '0'),
            (array['Aurora','Aurora Commercial','Borealis'])[1 + g % 3], (array['Orion','Vega','Nova','Cargo 3.5'])[1 + g % 4], 2015 + g % 12,
            'B-' || chr(65 + g % 26) || chr(65 + (g / 26) % 26) || ' ' || (g % 9999), 'CB' || lpad(g::text, 8, '0'), 'CloudBoxx 4', '4.2.1'
     from generate_series(? + 1, ? + ?) g`,
    [principalId, offset, offset, count],
  );
}

/** Vehicles 1 … vehicleCount but each tenth assigned to partner 1 + g % partnerCount; every 50th taken back a day ago. */
export async function seedAssignments(connection: Connection, principalId: string, vehicleCount: number, partnerCount: number): Promise<void> {
  await connection.execute(
    `insert into vehicle_assignment (id, created_at, updated_at, principal_id, vehicle_id, partner_id, assigned_at, assigned_by_label, unassigned_at, unassigned_by_label)
     select ${sqlId('assignment', 'g')}, now(), now(), ?::uuid, ${sqlId('vehicle', 'g')}, ${sqlId('partner', '1 + g % ?')},
            now() - interval '30 days', 'bench', case when g % 50 = 0 then now() - interval '1 day' end, case when g % 50 = 0 then 'bench' end
     from generate_series(1, ?) g where g % 10 <> 0`,
    [principalId, partnerCount, vehicleCount],
  );
  // a vacuumed table, as autovacuum keeps a live one: counts can use index-only scans
  await connection.execute('vacuum analyze vehicle');
  await connection.execute('vacuum analyze vehicle_assignment');
}

/** One owner per two vehicles (vehicles 1 … vehicleCount): vehicle g is owned by owner ⌈g / 2⌉, and every third also used by the next owner. */
export async function seedOwners(connection: Connection, principalId: string, vehicleCount: number): Promise<void> {
  await connection.execute(
    `insert into owner (id, created_at, updated_at, principal_id, email, name, phone)
     select ${sqlId('owner', 'g')}, now(), now(), ?::uuid, 'owner' || g || '@owners.example', 'Owner ' || g, '+49 30 ' || g
     from generate_series(1, ? / 2 + 1) g`,
    [principalId, vehicleCount],
  );
  await connection.execute(
    `insert into owner_vehicle_access (id, created_at, updated_at, principal_id, owner_id, vehicle_id, kind)
     select ${sqlId('ownerAccess', '2 * g + u')}, now(), now(), ?::uuid, ${sqlId('owner', '(g + 1) / 2 + u')}, ${sqlId('vehicle', 'g')},
            (case when u = 0 then 'OWNER' else 'USER' end)::owner_access_kind
     from generate_series(1, ?) g cross join generate_series(0, 1) u where u = 0 or g % 3 = 0`,
    [principalId, vehicleCount],
  );
  await connection.execute('vacuum analyze owner');
  await connection.execute('vacuum analyze owner_vehicle_access');
}

/**
 * `count` jobs of `principalId`, one a second back from now, on vehicles 1 … vehicleCount and the
 * tree's service partners (rows g with g % 3 = 1). Kinds alternate (odd g: MAINTENANCE), statuses
 * cycle PENDING … CANCELLED by g % 6 (so a status lies within one kind), a third is unassigned.
 */
export async function seedJobs(connection: Connection, principalId: string, count: number, vehicleCount: number, partnerCount: number): Promise<void> {
  await connection.execute(
    `insert into job (id, created_at, updated_at, principal_id, kind, status, title, vehicle_id, configuration, scheduled_for, service_partner_id, attempt, version)
     select ${sqlId('job', 'g')}, now() - (g || ' seconds')::interval, now(), ?::uuid,
            (array['INSTALLATION','MAINTENANCE'])[1 + g % 2]::job_kind,
            (array['PENDING','ASSIGNED','RUNNING','SUCCEEDED','FAILED','CANCELLED'])[1 + g % 6]::job_status,
            'Job ' || g, ${sqlId('vehicle', '1 + g % ?')}, '{"settings":{}}'::jsonb,
            (current_date + ((g % 365) - 180))::date,
            case when g % 6 in (0, 5) then null else ${sqlId('partner', '1 + 3 * (g % (? / 3))')} end,
            1, 1
     from generate_series(1, ?) g`,
    [principalId, vehicleCount, partnerCount, count],
  );
  await connection.execute('vacuum analyze job');
}
