import { Migration } from '@mikro-orm/migrations';

/**
 * `audit_event_count` (issue 12): one row per organization, action and object type holding how many
 * audit events it has, kept exact by statement triggers on `audit_event` in the same transaction as
 * every insert (and, should one ever happen, update, delete or truncate), like `job_count` — the
 * audit log's total, unfiltered or by action and object type, without counting every event.
 */
export class Migration20261202164000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "audit_event_count" (
      "organization_id" uuid not null,
      "action" text not null,
      "object_type" text not null,
      "n" bigint not null,
      constraint "audit_event_count_key" unique ("organization_id", "action", "object_type")
    );`);
    this.addSql(`create function "audit_event_count_apply"() returns trigger language plpgsql as $$
begin
  -- transition tables exist only for the operations that have them: each branch is planned when it first runs
  if tg_op = 'INSERT' then
    insert into audit_event_count as c (organization_id, action, object_type, n)
    select organization_id, action, object_type, count(*) from new_rows group by 1, 2, 3 order by 1, 2, 3
    on conflict on constraint audit_event_count_key do update set n = c.n + excluded.n;
  elsif tg_op = 'DELETE' then
    insert into audit_event_count as c (organization_id, action, object_type, n)
    select organization_id, action, object_type, -count(*) from old_rows group by 1, 2, 3 order by 1, 2, 3
    on conflict on constraint audit_event_count_key do update set n = c.n + excluded.n;
  else
    insert into audit_event_count as c (organization_id, action, object_type, n)
    select organization_id, action, object_type, sum(delta)
      from (select organization_id, action, object_type, 1 as delta from new_rows
            union all
            select organization_id, action, object_type, -1 from old_rows) as changes
     group by 1, 2, 3 having sum(delta) <> 0 order by 1, 2, 3
    on conflict on constraint audit_event_count_key do update set n = c.n + excluded.n;
  end if;
  return null;
end $$;`);
    this.addSql(`create trigger "audit_event_count_insert" after insert on "audit_event" referencing new table as new_rows for each statement execute function "audit_event_count_apply"();`);
    this.addSql(`create trigger "audit_event_count_update" after update on "audit_event" referencing old table as old_rows new table as new_rows for each statement execute function "audit_event_count_apply"();`);
    this.addSql(`create trigger "audit_event_count_delete" after delete on "audit_event" referencing old table as old_rows for each statement execute function "audit_event_count_apply"();`);
    this.addSql(`create function "audit_event_count_clear"() returns trigger language plpgsql as $$ begin truncate audit_event_count; return null; end $$;`);
    this.addSql(`create trigger "audit_event_count_truncate" after truncate on "audit_event" for each statement execute function "audit_event_count_clear"();`);
    this.addSql(`insert into "audit_event_count" (organization_id, action, object_type, n)
      select organization_id, action, object_type, count(*) from "audit_event" group by 1, 2, 3;`);
  }

  override async down(): Promise<void> {
    for (const op of ['truncate', 'delete', 'update', 'insert']) this.addSql(`drop trigger if exists "audit_event_count_${op}" on "audit_event";`);
    this.addSql(`drop function if exists "audit_event_count_clear"();`);
    this.addSql(`drop function if exists "audit_event_count_apply"();`);
    this.addSql(`drop table if exists "audit_event_count";`);
  }
}
