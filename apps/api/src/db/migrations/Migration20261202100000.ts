import { Migration } from '@mikro-orm/migrations';

/**
 * Live job counts (docs/jobs.md, "Totals from counters"): one row per principal, kind, status, service partner
 * and import batch holding how many live (not deleted) jobs have exactly those values. Statement
 * triggers on `job` keep it exact in the same transaction as every insert, update, delete, COPY or
 * truncate — whatever path wrote the jobs — so a list's total and the dashboard's numbers are a sum
 * over a few counter rows instead of a count over up to a million jobs.
 *
 * Each statement's changes are summed per key before they touch the counters, and the counter rows
 * are upserted in key order, so concurrent transitions lock counter rows in one order.
 */
export class Migration20261202100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "job_count" (
      "principal_id" uuid not null,
      "kind" "job_kind" not null,
      "status" "job_status" not null,
      "service_partner_id" uuid null,
      "import_batch_id" uuid null,
      "n" bigint not null,
      constraint "job_count_key" unique nulls not distinct ("principal_id", "kind", "status", "service_partner_id", "import_batch_id")
    );`);
    this.addSql(`create index "job_count_partner_index" on "job_count" ("service_partner_id", "kind", "status");`);
    this.addSql(`create index "job_count_batch_index" on "job_count" ("import_batch_id");`);

    this.addSql(`create function "job_count_apply"() returns trigger language plpgsql as $$
begin
  -- transition tables exist only for the operations that have them: each branch is planned when it first runs
  if tg_op = 'INSERT' then
    insert into job_count as c (principal_id, kind, status, service_partner_id, import_batch_id, n)
    select principal_id, kind, status, service_partner_id, import_batch_id, count(*)
      from new_jobs where deleted_at is null
     group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
    on conflict on constraint job_count_key do update set n = c.n + excluded.n;
  elsif tg_op = 'DELETE' then
    insert into job_count as c (principal_id, kind, status, service_partner_id, import_batch_id, n)
    select principal_id, kind, status, service_partner_id, import_batch_id, -count(*)
      from old_jobs where deleted_at is null
     group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
    on conflict on constraint job_count_key do update set n = c.n + excluded.n;
  else
    insert into job_count as c (principal_id, kind, status, service_partner_id, import_batch_id, n)
    select principal_id, kind, status, service_partner_id, import_batch_id, sum(delta)
      from (select principal_id, kind, status, service_partner_id, import_batch_id, 1 as delta from new_jobs where deleted_at is null
            union all
            select principal_id, kind, status, service_partner_id, import_batch_id, -1 from old_jobs where deleted_at is null) as changes
     group by 1, 2, 3, 4, 5 having sum(delta) <> 0 order by 1, 2, 3, 4, 5
    on conflict on constraint job_count_key do update set n = c.n + excluded.n;
  end if;
  return null;
end $$;`);
    this.addSql(`create trigger "job_count_insert" after insert on "job" referencing new table as new_jobs for each statement execute function "job_count_apply"();`);
    this.addSql(`create trigger "job_count_update" after update on "job" referencing old table as old_jobs new table as new_jobs for each statement execute function "job_count_apply"();`);
    this.addSql(`create trigger "job_count_delete" after delete on "job" referencing old table as old_jobs for each statement execute function "job_count_apply"();`);
    this.addSql(`create function "job_count_clear"() returns trigger language plpgsql as $$ begin truncate job_count; return null; end $$;`);
    this.addSql(`create trigger "job_count_truncate" after truncate on "job" for each statement execute function "job_count_clear"();`);

    this.addSql(`insert into "job_count" (principal_id, kind, status, service_partner_id, import_batch_id, n)
      select principal_id, kind, status, service_partner_id, import_batch_id, count(*) from "job" where deleted_at is null group by 1, 2, 3, 4, 5;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "job_count_truncate" on "job";`);
    this.addSql(`drop trigger if exists "job_count_delete" on "job";`);
    this.addSql(`drop trigger if exists "job_count_update" on "job";`);
    this.addSql(`drop trigger if exists "job_count_insert" on "job";`);
    this.addSql(`drop function if exists "job_count_clear"();`);
    this.addSql(`drop function if exists "job_count_apply"();`);
    this.addSql(`drop table if exists "job_count";`);
  }
}
