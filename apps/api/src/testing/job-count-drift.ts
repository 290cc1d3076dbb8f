import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Where the maintained job counters (`job_count`) disagree with counting the jobs themselves:
 * one row per (principal, kind, status, service partner, import batch) whose counter differs from
 * `count(*)` over the live jobs. Empty when the counters are exact.
 */
export async function jobCountDrift(em: EntityManager): Promise<{ key: string; counted: number; kept: number }[]> {
  const rows: { key: string; counted: string; kept: string }[] = await em.getConnection().execute(
    `with counted as (
       select principal_id, kind, status, service_partner_id, import_batch_id, count(*) as n
         from job where deleted_at is null group by 1, 2, 3, 4, 5
     )
     select concat_ws('/', coalesce(c.principal_id, k.principal_id), coalesce(c.kind, k.kind), coalesce(c.status, k.status),
                      coalesce(c.service_partner_id, k.service_partner_id), coalesce(c.import_batch_id, k.import_batch_id)) as key,
            coalesce(c.n, 0) as counted, coalesce(k.n, 0) as kept
       from counted c
       full join job_count k on (c.principal_id, c.kind, c.status) = (k.principal_id, k.kind, k.status)
                              and c.service_partner_id is not distinct from k.service_partner_id
                              and c.import_batch_id is not distinct from k.import_batch_id
      where coalesce(c.n, 0) <> coalesce(k.n, 0)`,
  );
  return rows.map((r) => ({ key: r.key, counted: Number(r.counted), kept: Number(r.kept) }));
}

/** Fails when the job counters drifted from the jobs: every integration test's app checks it when it closes. */
export async function assertJobCountsExact(em: EntityManager): Promise<void> {
  const drift = await jobCountDrift(em);
  if (drift.length > 0) throw new Error(`job_count drifted from the jobs it counts: ${JSON.stringify(drift.slice(0, 10))}`);
}

/** Where a tab counter (`vehicle_count`, `owner_count`) disagrees with counting its table's rows: one row per principal and tab. */
export async function tabCountDrift(em: EntityManager, table: 'vehicle' | 'owner'): Promise<{ key: string; counted: number; kept: number }[]> {
  const rows: { key: string; counted: string; kept: string }[] = await em.getConnection().execute(
    `with counted as (select principal_id, archived_at is not null as archived, count(*) as n from "${table}" group by 1, 2)
     select concat_ws('/', coalesce(c.principal_id, k.principal_id), coalesce(c.archived, k.archived)) as key,
            coalesce(c.n, 0) as counted, coalesce(k.n, 0) as kept
       from counted c full join "${table}_count" k on (c.principal_id, c.archived) = (k.principal_id, k.archived)
      where coalesce(c.n, 0) <> coalesce(k.n, 0)`,
  );
  return rows.map((r) => ({ key: r.key, counted: Number(r.counted), kept: Number(r.kept) }));
}

/** Where the audit counters (`audit_event_count`) disagree with counting the events: one row per organization, action and object type. */
export async function auditCountDrift(em: EntityManager): Promise<{ key: string; counted: number; kept: number }[]> {
  const rows: { key: string; counted: string; kept: string }[] = await em.getConnection().execute(
    `with counted as (select organization_id, action, object_type, count(*) as n from audit_event group by 1, 2, 3)
     select concat_ws('/', coalesce(c.organization_id, k.organization_id), coalesce(c.action, k.action), coalesce(c.object_type, k.object_type)) as key,
            coalesce(c.n, 0) as counted, coalesce(k.n, 0) as kept
       from counted c full join audit_event_count k on (c.organization_id, c.action, c.object_type) = (k.organization_id, k.action, k.object_type)
      where coalesce(c.n, 0) <> coalesce(k.n, 0)`,
  );
  return rows.map((r) => ({ key: r.key, counted: Number(r.counted), kept: Number(r.kept) }));
}

/** Fails when the vehicle, owner or audit counters drifted from their rows: every integration test's app checks it when it closes. */
export async function assertTabCountsExact(em: EntityManager): Promise<void> {
  for (const table of ['vehicle', 'owner'] as const) {
    const drift = await tabCountDrift(em, table);
    if (drift.length > 0) throw new Error(`${table}_count drifted from the rows it counts: ${JSON.stringify(drift.slice(0, 10))}`);
  }
  const drift = await auditCountDrift(em);
  if (drift.length > 0) throw new Error(`audit_event_count drifted from the events it counts: ${JSON.stringify(drift.slice(0, 10))}`);
}
