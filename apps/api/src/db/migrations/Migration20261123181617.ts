import { Migration } from '@mikro-orm/migrations';

export class Migration20261123181617 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "import_kind" as enum ('PARTNERS', 'VEHICLES', 'JOBS');`);
    this.addSql(`create type "import_status" as enum ('RUNNING', 'SUCCEEDED', 'FAILED');`);
    this.addSql(`create type "account_type" as enum ('PREPAID', 'POSTPAID', 'FREE');`);
    this.addSql(`create table "import_batch" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "organization_id" uuid not null, "kind" "import_kind" not null, "status" "import_status" not null default 'RUNNING', "file_name" text not null, "created_by_label" text not null, "created_by_id" uuid null, "row_count" int not null, "created_count" int not null default 0, "problems" jsonb not null, "finished_at" timestamptz null, constraint "import_batch_pkey" primary key ("id"));`);
    this.addSql(`create index "import_batch_organization_id_kind_created_at_index" on "import_batch" ("organization_id", "kind", "created_at");`);

    this.addSql(`create table "partner_invitation" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "principal_id" uuid not null, "partner_id" uuid not null, "email" text not null, "token_hash" text not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "revoked_at" timestamptz null, "declined_at" timestamptz null, "invited_by_label" text not null default 'system', constraint "partner_invitation_pkey" primary key ("id"));`);
    this.addSql(`alter table "partner_invitation" add constraint "partner_invitation_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "partner_invitation_partner_id_created_at_index" on "partner_invitation" ("partner_id", "created_at");`);

    this.addSql(`alter table "import_batch" add constraint "import_batch_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "import_batch" add constraint "import_batch_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "partner_invitation" add constraint "partner_invitation_principal_id_foreign" foreign key ("principal_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "partner_invitation" add constraint "partner_invitation_partner_id_foreign" foreign key ("partner_id") references "partner" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "organization" add column "iin" text null, add column "kpp" text null, add column "vat_percent" numeric(5,2) null, add column "accounting_code" text null;`);
    this.addSql(`create index "organization_name_index" on "organization" ("name");`);

    this.addSql(`alter table "partner" add column "deposit_minor" bigint not null default 0, add column "currency" text not null default 'EUR', add column "additional_currencies" text[] not null default '{}', add column "account_type" "account_type" not null default 'PREPAID', add column "archived_at" timestamptz null, add column "claimed_at" timestamptz null, add column "import_batch_id" uuid null;`);
    // existing partners start with none; new rows always get the value from the entity
    this.addSql(`alter table "partner" alter column "additional_currencies" drop default;`);
    this.addSql(`alter table "partner" add constraint "partner_import_batch_id_foreign" foreign key ("import_batch_id") references "import_batch" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "partner_import_batch_id_index" on "partner" ("import_batch_id");`);
    this.addSql(`create index "partner_principal_id_created_at_index" on "partner" ("principal_id", "created_at");`);
    this.addSql(`create index "partner_principal_id_role_index" on "partner" ("principal_id", "role");`);
    this.addSql(`create index "partner_principal_id_status_index" on "partner" ("principal_id", "status");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "partner" drop constraint "partner_import_batch_id_foreign";`);

    this.addSql(`drop table if exists "import_batch" cascade;`);

    this.addSql(`drop table if exists "partner_invitation" cascade;`);

    this.addSql(`drop index "organization_name_index";`);
    this.addSql(`alter table "organization" drop column "iin", drop column "kpp", drop column "vat_percent", drop column "accounting_code";`);

    this.addSql(`drop index "partner_import_batch_id_index";`);
    this.addSql(`drop index "partner_principal_id_created_at_index";`);
    this.addSql(`drop index "partner_principal_id_role_index";`);
    this.addSql(`drop index "partner_principal_id_status_index";`);
    this.addSql(`alter table "partner" drop column "deposit_minor", drop column "currency", drop column "additional_currencies", drop column "account_type", drop column "archived_at", drop column "claimed_at", drop column "import_batch_id";`);

    this.addSql(`drop type "import_kind";`);
    this.addSql(`drop type "import_status";`);
    this.addSql(`drop type "account_type";`);
  }

}
