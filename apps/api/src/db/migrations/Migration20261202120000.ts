import { Migration } from '@mikro-orm/migrations';

/**
 * Jobs finished per day (docs/dashboard.md): one row per principal, service partner, UTC day and
 * final status (SUCCEEDED or FAILED) holding how many jobs reached that status that day. Statement
 * triggers on `job` keep it in the same transaction as the change — whatever path wrote the job —
 * so the dashboard's 30-day chart sums at most 60 rows per partner instead of reading the history.
 *
 * A day counts what happened on it: a job that failed and was later reassigned and succeeded counts
 * once on each day; deleting a finished job does not undo its day. It equals, per principal, day and
 * status, `count(*)` over the job events whose `to_status` is that status (every transition writes one).
 * The partner is the one the job was assigned to when it finished.
 */
export class Migration20261202120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "job_daily_count" (
      "principal_id" uuid not null,
      "service_partner_id" uuid null,
      "day" date not null,
      "status" "job_status" not null,
      "n" bigint not null,
      constraint "job_daily_count_key" unique nulls not distinct ("principal_id", "day", "status", "service_partner_id")
    );`);
    this.addSql(`create index "job_daily_count_partner_index" on "job_daily_count" ("service_partner_id", "day");`);
    // overdue counts per service partner as an index-only scan, the overdue jobs oldest first; a partner's recent activity
    this.addSql(`create index "job_dashboard_overdue_index" on "job" ("principal_id", "scheduled_for", "service_partner_id", "kind") where "deleted_at" is null and "status" in ('PENDING', 'ASSIGNED', 'RUNNING');`);
    this.addSql(`create index "job_partner_recent_index" on "job" ("service_partner_id", "updated_at") where "deleted_at" is null;`);

    this.addSql(`create function "job_daily_count_apply"() returns trigger language plpgsql as $$
begin
  -- the day of the transaction, in UTC: all rows of one change count on one day
  if tg_op = 'INSERT' then
    insert into job_daily_count as c (principal_id, service_partner_id, day, status, n)
    select principal_id, service_partner_id, (now() at time zone 'UTC')::date, status, count(*)
      from new_jobs where status in ('SUCCEEDED', 'FAILED')
     group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict on constraint job_daily_count_key do update set n = c.n + excluded.n;
  else
    insert into job_daily_count as c (principal_id, service_partner_id, day, status, n)
    select n.principal_id, n.service_partner_id, (now() at time zone 'UTC')::date, n.status, count(*)
      from new_jobs n join old_jobs o on o.id = n.id
     where n.status in ('SUCCEEDED', 'FAILED') and n.status is distinct from o.status
     group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict on constraint job_daily_count_key do update set n = c.n + excluded.n;
  end if;
  return null;
end $$;`);
    this.addSql(`create trigger "job_daily_count_insert" after insert on "job" referencing new table as new_jobs for each statement execute function "job_daily_count_apply"();`);
    this.addSql(`create trigger "job_daily_count_update" after update on "job" referencing old table as old_jobs new table as new_jobs for each statement execute function "job_daily_count_apply"();`);
    this.addSql(`create function "job_daily_count_clear"() returns trigger language plpgsql as $$ begin truncate job_daily_count; return null; end $$;`);
    this.addSql(`create trigger "job_daily_count_truncate" after truncate on "job" for each statement execute function "job_daily_count_clear"();`);

    // the history so far, from the job events (the partner: the job's current one)
    this.addSql(`insert into "job_daily_count" (principal_id, service_partner_id, day, status, n)
      select e.principal_id, j.service_partner_id, (e.created_at at time zone 'UTC')::date, e.to_status, count(*)
        from job_event e join job j on j.id = e.job_id
       where e.to_status in ('SUCCEEDED', 'FAILED')
       group by 1, 2, 3, 4;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "job_daily_count_truncate" on "job";`);
    this.addSql(`drop trigger if exists "job_daily_count_update" on "job";`);
    this.addSql(`drop trigger if exists "job_daily_count_insert" on "job";`);
    this.addSql(`drop function if exists "job_daily_count_clear"();`);
    this.addSql(`drop function if exists "job_daily_count_apply"();`);
    this.addSql(`drop table if exists "job_daily_count";`);
    this.addSql(`drop index if exists "job_partner_recent_index";`);
    this.addSql(`drop index if exists "job_dashboard_overdue_index";`);
  }
}
