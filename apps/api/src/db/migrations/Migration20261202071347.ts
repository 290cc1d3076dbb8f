import { Migration } from '@mikro-orm/migrations';

export class Migration20261202071347 extends Migration {

  /** optimistic concurrency: every editable object carries a version (common/db/versioned.ts) */
  override async up(): Promise<void> {
    this.addSql(`alter table "partner" add column "version" int not null default 1;`);

    this.addSql(`alter table "job_template" add column "version" int not null default 1;`);

    this.addSql(`alter table "owner" add column "version" int not null default 1;`);

    this.addSql(`alter table "owner_annotation" add column "version" int not null default 1;`);

    this.addSql(`alter table "vehicle" add column "version" int not null default 1;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "job_template" drop column "version";`);

    this.addSql(`alter table "owner" drop column "version";`);

    this.addSql(`alter table "owner_annotation" drop column "version";`);

    this.addSql(`alter table "partner" drop column "version";`);

    this.addSql(`alter table "vehicle" drop column "version";`);
  }

}
