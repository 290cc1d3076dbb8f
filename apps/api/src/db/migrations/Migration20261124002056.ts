import { Migration } from '@mikro-orm/migrations';

export class Migration20261124002056 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "import_upload" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "organization_id" uuid not null, "created_by_id" uuid null, "file_name" text not null, "byte_size" bigint not null default 0, "row_count" int null, constraint "import_upload_pkey" primary key ("id"));`);
    this.addSql(`create index "import_upload_organization_id_created_at_index" on "import_upload" ("organization_id", "created_at");`);

    this.addSql(`create table "import_upload_chunk" ("upload_id" uuid not null, "seq" int not null, "data" bytea not null, constraint "import_upload_chunk_pkey" primary key ("upload_id", "seq"));`);

    this.addSql(`alter table "import_upload" add constraint "import_upload_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "import_upload" add constraint "import_upload_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "import_upload_chunk" add constraint "import_upload_chunk_upload_id_foreign" foreign key ("upload_id") references "import_upload" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "import_batch" add column "processed_rows" int not null default 0, add column "problem_count" int not null default 0;`);
    this.addSql(`update "import_batch" set "processed_rows" = "row_count", "problem_count" = jsonb_array_length("problems");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "import_upload_chunk" drop constraint "import_upload_chunk_upload_id_foreign";`);

    this.addSql(`drop table if exists "import_upload" cascade;`);

    this.addSql(`drop table if exists "import_upload_chunk" cascade;`);

    this.addSql(`alter table "import_batch" drop column "processed_rows", drop column "problem_count";`);
  }

}
