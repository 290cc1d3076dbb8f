import { Migration } from '@mikro-orm/migrations';

/**
 * Overdue numbers from a counter (docs/dashboard.md): one row per principal, kind and scheduled day
 * holding how many live jobs scheduled that day are unfinished (PENDING, ASSIGNED, RUNNING). Statement
 * triggers on `job` keep it exact in the same transaction as every change, like `job_count`; the
 * dashboard's "overdue" is the sum over the days before today. Counting the overdue jobs themselves,
 * even as an index-only scan, read 250,000 index entries at 1,000,000 jobs (docs/benchmarks.md).
 */
export class Migration20261202130000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "job_open_day_count" (
      "principal_id" uuid not null,
      "kind" "job_kind" not null,
      "scheduled_for" date not null,
      "n" bigint not null,
      constraint "job_open_day_count_key" unique ("principal_id", "scheduled_for", "kind")
    );`);
    this.addSql(`create function "job_open_day_count_apply"() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into job_open_day_count as c (principal_id, kind, scheduled_for, n)
    select principal_id, kind, scheduled_for, count(*) from new_jobs
     where deleted_at is null and scheduled_for is not null and status in ('PENDING', 'ASSIGNED', 'RUNNING')
     group by 1, 2, 3 order by 1, 3, 2
    on conflict on constraint job_open_day_count_key do update set n = c.n + excluded.n;
  elsif tg_op = 'DELETE' then
    insert into job_open_day_count as c (principal_id, kind, scheduled_for, n)
    select principal_id, kind, scheduled_for, -count(*) from old_jobs
     where deleted_at is null and scheduled_for is not null and status in ('PENDING', 'ASSIGNED', 'RUNNING')
     group by 1, 2, 3 order by 1, 3, 2
    on conflict on constraint job_open_day_count_key do update set n = c.n + excluded.n;
  else
    insert into job_open_day_count as c (principal_id, kind, scheduled_for, n)
    select principal_id, kind, scheduled_for, sum(delta)
      from (select principal_id, kind, scheduled_for, 1 as delta from new_jobs
             where deleted_at is null and scheduled_for is not null and status in ('PENDING', 'ASSIGNED', 'RUNNING')
            union all
            select principal_id, kind, scheduled_for, -1 from old_jobs
             where deleted_at is null and scheduled_for is not null and status in ('PENDING', 'ASSIGNED', 'RUNNING')) as changes
     group by 1, 2, 3 having sum(delta) <> 0 order by 1, 3, 2
    on conflict on constraint job_open_day_count_key do update set n = c.n + excluded.n;
  end if;
  return null;
end $$;`);
    this.addSql(`create trigger "job_open_day_count_insert" after insert on "job" referencing new table as new_jobs for each statement execute function "job_open_day_count_apply"();`);
    this.addSql(`create trigger "job_open_day_count_update" after update on "job" referencing old table as old_jobs new table as new_jobs for each statement execute function "job_open_day_count_apply"();`);
    this.addSql(`create trigger "job_open_day_count_delete" after delete on "job" referencing old table as old_jobs for each statement execute function "job_open_day_count_apply"();`);
    this.addSql(`create function "job_open_day_count_clear"() returns trigger language plpgsql as $$ begin truncate job_open_day_count; return null; end $$;`);
    this.addSql(`create trigger "job_open_day_count_truncate" after truncate on "job" for each statement execute function "job_open_day_count_clear"();`);
    this.addSql(`insert into "job_open_day_count" (principal_id, kind, scheduled_for, n)
      select principal_id, kind, scheduled_for, count(*) from job
       where deleted_at is null and scheduled_for is not null and status in ('PENDING', 'ASSIGNED', 'RUNNING') group by 1, 2, 3;`);

  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "job_open_day_count_truncate" on "job";`);
    this.addSql(`drop trigger if exists "job_open_day_count_delete" on "job";`);
    this.addSql(`drop trigger if exists "job_open_day_count_update" on "job";`);
    this.addSql(`drop trigger if exists "job_open_day_count_insert" on "job";`);
    this.addSql(`drop function if exists "job_open_day_count_clear"();`);
    this.addSql(`drop function if exists "job_open_day_count_apply"();`);
    this.addSql(`drop table if exists "job_open_day_count";`);
  }
}
