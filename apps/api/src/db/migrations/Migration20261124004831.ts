import { Migration } from '@mikro-orm/migrations';

/** The jobs list's partial indexes over live jobs — tab, tab + status, status, overdue — with `id` for the keyset order (docs/benchmarks.md, Jobs benchmark). */
export class Migration20261124004831 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "job_principal_id_kind_created_at_index";`);
    this.addSql(`drop index "job_principal_id_status_created_at_index";`);

    this.addSql(`create index "job_list_overdue_index" on "job" ("principal_id", "kind", "scheduled_for") where "deleted_at" is null and "status" in ('PENDING', 'ASSIGNED', 'RUNNING');`);
    this.addSql(`create index "job_list_status_index" on "job" ("principal_id", "status", "created_at", "id") where "deleted_at" is null;`);
    this.addSql(`create index "job_list_kind_status_index" on "job" ("principal_id", "kind", "status", "created_at", "id") where "deleted_at" is null;`);
    this.addSql(`create index "job_list_kind_index" on "job" ("principal_id", "kind", "created_at", "id") where "deleted_at" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "job_list_overdue_index";`);
    this.addSql(`drop index "job_list_status_index";`);
    this.addSql(`drop index "job_list_kind_status_index";`);
    this.addSql(`drop index "job_list_kind_index";`);

    this.addSql(`create index "job_principal_id_kind_created_at_index" on "job" ("principal_id", "kind", "created_at");`);
    this.addSql(`create index "job_principal_id_status_created_at_index" on "job" ("principal_id", "status", "created_at");`);
  }

}
