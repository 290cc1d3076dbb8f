import { Migration } from '@mikro-orm/migrations';

export class Migration20261123211415 extends Migration {

  override async up(): Promise<void> {
    // trigram indexes serve "contains" search on VINs, plates, serials and owners (pg_trgm is a trusted extension)
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create type "owner_access_kind" as enum ('OWNER', 'USER');`);
    this.addSql(`create table "owner" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "principal_id" uuid not null, "email" text not null, "name" text null, "phone" text null, "archived_at" timestamptz null, "import_batch_id" uuid null, constraint "owner_pkey" primary key ("id"));`);
    this.addSql(`create index "owner_email_trgm_index" on "owner" using gin ("email" gin_trgm_ops);`);
    this.addSql(`create index "owner_name_trgm_index" on "owner" using gin ("name" gin_trgm_ops);`);
    this.addSql(`create index "owner_import_batch_id_index" on "owner" ("import_batch_id");`);
    this.addSql(`create index "owner_principal_id_created_at_index" on "owner" ("principal_id", "created_at");`);
    this.addSql(`alter table "owner" add constraint "owner_principal_id_email_unique" unique ("principal_id", "email");`);

    this.addSql(`create table "owner_annotation" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "principal_id" uuid not null, "owner_id" uuid not null, "external_user_id" text null, "display_name" text null, "description" text null, constraint "owner_annotation_pkey" primary key ("id"));`);
    this.addSql(`alter table "owner_annotation" add constraint "owner_annotation_owner_id_unique" unique ("owner_id");`);

    this.addSql(`create table "vehicle" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "principal_id" uuid not null, "vin" text not null, "make" text not null, "model" text not null, "year" int null, "plate" text null, "device_serial" text null, "device_model" text null, "firmware" text null, "archived_at" timestamptz null, "import_batch_id" uuid null, constraint "vehicle_pkey" primary key ("id"));`);
    this.addSql(`create index "vehicle_device_serial_trgm_index" on "vehicle" using gin ("device_serial" gin_trgm_ops);`);
    this.addSql(`create index "vehicle_plate_trgm_index" on "vehicle" using gin ("plate" gin_trgm_ops);`);
    this.addSql(`create index "vehicle_vin_trgm_index" on "vehicle" using gin ("vin" gin_trgm_ops);`);
    this.addSql(`create index "vehicle_import_batch_id_index" on "vehicle" ("import_batch_id");`);
    this.addSql(`create index "vehicle_principal_id_archived_at_index" on "vehicle" ("principal_id", "archived_at");`);
    this.addSql(`create index "vehicle_principal_id_make_model_index" on "vehicle" ("principal_id", "make", "model");`);
    this.addSql(`create index "vehicle_principal_id_created_at_index" on "vehicle" ("principal_id", "created_at");`);
    this.addSql(`alter table "vehicle" add constraint "vehicle_principal_id_vin_unique" unique ("principal_id", "vin");`);

    this.addSql(`create table "owner_vehicle_access" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "principal_id" uuid not null, "owner_id" uuid not null, "vehicle_id" uuid not null, "kind" "owner_access_kind" not null, "import_batch_id" uuid null, constraint "owner_vehicle_access_pkey" primary key ("id"));`);
    this.addSql(`create index "owner_vehicle_access_import_batch_id_index" on "owner_vehicle_access" ("import_batch_id");`);
    this.addSql(`create index "owner_vehicle_access_vehicle_id_index" on "owner_vehicle_access" ("vehicle_id");`);
    this.addSql(`alter table "owner_vehicle_access" add constraint "owner_vehicle_access_owner_id_vehicle_id_unique" unique ("owner_id", "vehicle_id");`);

    this.addSql(`create table "access_grant" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "principal_id" uuid not null, "vehicle_id" uuid not null, "partner_id" uuid not null, "job_id" uuid null, "starts_at" timestamptz not null, "ends_at" timestamptz null, "ended_at" timestamptz null, "end_reason" text null, constraint "access_grant_pkey" primary key ("id"));`);
    this.addSql(`create index "access_grant_job_id_index" on "access_grant" ("job_id");`);
    this.addSql(`create index "access_grant_vehicle_id_starts_at_index" on "access_grant" ("vehicle_id", "starts_at");`);
    this.addSql(`create index "access_grant_partner_id_vehicle_id_index" on "access_grant" ("partner_id", "vehicle_id");`);

    this.addSql(`create table "vehicle_assignment" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "principal_id" uuid not null, "vehicle_id" uuid not null, "partner_id" uuid not null, "assigned_at" timestamptz not null, "assigned_by_label" text not null, "unassigned_at" timestamptz null, "unassigned_by_label" text null, "import_batch_id" uuid null, constraint "vehicle_assignment_pkey" primary key ("id"));`);
    this.addSql(`create index "vehicle_assignment_open_partner_index" on "vehicle_assignment" ("partner_id", "vehicle_id") where "unassigned_at" is null;`);
    this.addSql(`create unique index "vehicle_assignment_open_unique" on "vehicle_assignment" ("vehicle_id", "partner_id") where "unassigned_at" is null;`);
    this.addSql(`create index "vehicle_assignment_import_batch_id_index" on "vehicle_assignment" ("import_batch_id");`);
    this.addSql(`create index "vehicle_assignment_vehicle_id_assigned_at_index" on "vehicle_assignment" ("vehicle_id", "assigned_at");`);

    this.addSql(`alter table "owner" add constraint "owner_principal_id_foreign" foreign key ("principal_id") references "organization" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "owner" add constraint "owner_import_batch_id_foreign" foreign key ("import_batch_id") references "import_batch" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "owner_annotation" add constraint "owner_annotation_principal_id_foreign" foreign key ("principal_id") references "organization" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "owner_annotation" add constraint "owner_annotation_owner_id_foreign" foreign key ("owner_id") references "owner" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "vehicle" add constraint "vehicle_principal_id_foreign" foreign key ("principal_id") references "organization" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "vehicle" add constraint "vehicle_import_batch_id_foreign" foreign key ("import_batch_id") references "import_batch" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "owner_vehicle_access" add constraint "owner_vehicle_access_principal_id_foreign" foreign key ("principal_id") references "organization" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "owner_vehicle_access" add constraint "owner_vehicle_access_owner_id_foreign" foreign key ("owner_id") references "owner" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "owner_vehicle_access" add constraint "owner_vehicle_access_vehicle_id_foreign" foreign key ("vehicle_id") references "vehicle" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "owner_vehicle_access" add constraint "owner_vehicle_access_import_batch_id_foreign" foreign key ("import_batch_id") references "import_batch" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "access_grant" add constraint "access_grant_principal_id_foreign" foreign key ("principal_id") references "organization" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "access_grant" add constraint "access_grant_vehicle_id_foreign" foreign key ("vehicle_id") references "vehicle" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "access_grant" add constraint "access_grant_partner_id_foreign" foreign key ("partner_id") references "partner" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "vehicle_assignment" add constraint "vehicle_assignment_principal_id_foreign" foreign key ("principal_id") references "organization" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "vehicle_assignment" add constraint "vehicle_assignment_vehicle_id_foreign" foreign key ("vehicle_id") references "vehicle" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "vehicle_assignment" add constraint "vehicle_assignment_partner_id_foreign" foreign key ("partner_id") references "partner" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "vehicle_assignment" add constraint "vehicle_assignment_import_batch_id_foreign" foreign key ("import_batch_id") references "import_batch" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "owner_annotation" drop constraint "owner_annotation_owner_id_foreign";`);

    this.addSql(`alter table "owner_vehicle_access" drop constraint "owner_vehicle_access_owner_id_foreign";`);

    this.addSql(`alter table "owner_vehicle_access" drop constraint "owner_vehicle_access_vehicle_id_foreign";`);

    this.addSql(`alter table "access_grant" drop constraint "access_grant_vehicle_id_foreign";`);

    this.addSql(`alter table "vehicle_assignment" drop constraint "vehicle_assignment_vehicle_id_foreign";`);

    this.addSql(`drop table if exists "owner" cascade;`);

    this.addSql(`drop table if exists "owner_annotation" cascade;`);

    this.addSql(`drop table if exists "vehicle" cascade;`);

    this.addSql(`drop table if exists "owner_vehicle_access" cascade;`);

    this.addSql(`drop table if exists "access_grant" cascade;`);

    this.addSql(`drop table if exists "vehicle_assignment" cascade;`);

    this.addSql(`drop type "owner_access_kind";`);
  }

}
