import { Migration } from '@mikro-orm/migrations';

/**
 * The vehicles and owners lists (issue 12):
 * - keyset orders with the id as the index's last column, so `(created_at, id) < (…)` and
 *   `(make, id) > (…)` seek on the index (page 4,000 reads what page 1 reads);
 * - `vehicle_count` and `owner_count`: one row per principal and tab (active or archived) holding how
 *   many it has, kept exact by statement triggers on the table in the same transaction as every
 *   change, like `job_count` — the lists' totals for principal staff without counting 200,000 rows.
 */
const COUNTED = ['vehicle', 'owner'] as const;

/** The counter of a principal-owned table with an `archived_at` tab, its triggers and its first rows. */
function tabCounter(table: (typeof COUNTED)[number]): string[] {
  const counter = `${table}_count`;
  return [
    `create table "${counter}" (
      "principal_id" uuid not null,
      "archived" boolean not null,
      "n" bigint not null,
      constraint "${counter}_key" unique ("principal_id", "archived")
    );`,
    `create function "${counter}_apply"() returns trigger language plpgsql as $$
begin
  -- transition tables exist only for the operations that have them: each branch is planned when it first runs
  if tg_op = 'INSERT' then
    insert into ${counter} as c (principal_id, archived, n)
    select principal_id, archived_at is not null, count(*) from new_rows group by 1, 2 order by 1, 2
    on conflict on constraint ${counter}_key do update set n = c.n + excluded.n;
  elsif tg_op = 'DELETE' then
    insert into ${counter} as c (principal_id, archived, n)
    select principal_id, archived_at is not null, -count(*) from old_rows group by 1, 2 order by 1, 2
    on conflict on constraint ${counter}_key do update set n = c.n + excluded.n;
  else
    insert into ${counter} as c (principal_id, archived, n)
    select principal_id, archived, sum(delta)
      from (select principal_id, archived_at is not null as archived, 1 as delta from new_rows
            union all
            select principal_id, archived_at is not null, -1 from old_rows) as changes
     group by 1, 2 having sum(delta) <> 0 order by 1, 2
    on conflict on constraint ${counter}_key do update set n = c.n + excluded.n;
  end if;
  return null;
end $$;`,
    `create trigger "${counter}_insert" after insert on "${table}" referencing new table as new_rows for each statement execute function "${counter}_apply"();`,
    `create trigger "${counter}_update" after update on "${table}" referencing old table as old_rows new table as new_rows for each statement execute function "${counter}_apply"();`,
    `create trigger "${counter}_delete" after delete on "${table}" referencing old table as old_rows for each statement execute function "${counter}_apply"();`,
    `create function "${counter}_clear"() returns trigger language plpgsql as $$ begin truncate ${counter}; return null; end $$;`,
    `create trigger "${counter}_truncate" after truncate on "${table}" for each statement execute function "${counter}_clear"();`,
    `insert into "${counter}" (principal_id, archived, n) select principal_id, archived_at is not null, count(*) from "${table}" group by 1, 2;`,
  ];
}

export class Migration20261202161029 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index "owner_principal_id_created_at_index";`);
    this.addSql(`create index "owner_principal_id_created_at_id_index" on "owner" ("principal_id", "created_at", "id");`);
    this.addSql(`drop index "vehicle_principal_id_created_at_index";`);
    this.addSql(`create index "vehicle_principal_id_created_at_id_index" on "vehicle" ("principal_id", "created_at", "id");`);
    this.addSql(`create index "vehicle_principal_id_make_id_index" on "vehicle" ("principal_id", "make", "id");`);

    for (const table of COUNTED) for (const sql of tabCounter(table)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const table of COUNTED) {
      for (const op of ['truncate', 'delete', 'update', 'insert']) this.addSql(`drop trigger if exists "${table}_count_${op}" on "${table}";`);
      this.addSql(`drop function if exists "${table}_count_clear"();`);
      this.addSql(`drop function if exists "${table}_count_apply"();`);
      this.addSql(`drop table if exists "${table}_count";`);
    }
    this.addSql(`drop index "vehicle_principal_id_make_id_index";`);
    this.addSql(`drop index "vehicle_principal_id_created_at_id_index";`);
    this.addSql(`create index "vehicle_principal_id_created_at_index" on "vehicle" ("principal_id", "created_at");`);
    this.addSql(`drop index "owner_principal_id_created_at_id_index";`);
    this.addSql(`create index "owner_principal_id_created_at_index" on "owner" ("principal_id", "created_at");`);
  }
}
