import { Migration } from '@mikro-orm/migrations';

export class Migration20261123220239 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "job_kind" as enum ('INSTALLATION', 'MAINTENANCE');`);
    this.addSql(`create type "job_status" as enum ('PENDING', 'ASSIGNED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED');`);
    this.addSql(`create table "job_template" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "principal_id" uuid not null, "name" text not null, "kind" "job_kind" not null, "title" text null, "description" text null, "instructions" text null, "configuration" jsonb not null, "default_service_partner_id" uuid null, "archived_at" timestamptz null, constraint "job_template_pkey" primary key ("id"));`);
    this.addSql(`create unique index "job_template_name_unique" on "job_template" ("principal_id", lower("name")) where "archived_at" is null;`);
    this.addSql(`create index "job_template_principal_id_name_index" on "job_template" ("principal_id", "name");`);

    this.addSql(`create table "job" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "principal_id" uuid not null, "kind" "job_kind" not null, "status" "job_status" not null default 'PENDING', "title" text null, "description" text null, "instructions" text null, "vehicle_id" uuid not null, "configuration" jsonb not null, "scheduled_for" date null, "service_partner_id" uuid null, "technician_id" uuid null, "failure_reason" text null, "cancel_reason" text null, "attempt" int not null default 1, "template_id" uuid null, "import_batch_id" uuid null, "deleted_at" timestamptz null, "version" int not null default 1, constraint "job_pkey" primary key ("id"));`);
    this.addSql(`create index "job_import_batch_id_index" on "job" ("import_batch_id");`);
    this.addSql(`create index "job_vehicle_id_index" on "job" ("vehicle_id");`);
    this.addSql(`create index "job_service_partner_id_status_index" on "job" ("service_partner_id", "status");`);
    this.addSql(`create index "job_principal_id_scheduled_for_index" on "job" ("principal_id", "scheduled_for");`);
    this.addSql(`create index "job_principal_id_status_created_at_index" on "job" ("principal_id", "status", "created_at");`);
    this.addSql(`create index "job_principal_id_kind_created_at_index" on "job" ("principal_id", "kind", "created_at");`);

    this.addSql(`create table "job_event" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "principal_id" uuid not null, "job_id" uuid not null, "type" text not null, "from_status" "job_status" null, "to_status" "job_status" null, "reason" text null, "changes" jsonb null, "actor_label" text not null, "actor_user_id" uuid null, constraint "job_event_pkey" primary key ("id"));`);
    this.addSql(`create index "job_event_principal_id_created_at_index" on "job_event" ("principal_id", "created_at");`);
    this.addSql(`create index "job_event_job_id_created_at_index" on "job_event" ("job_id", "created_at");`);

    this.addSql(`alter table "job_template" add constraint "job_template_principal_id_foreign" foreign key ("principal_id") references "organization" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "job_template" add constraint "job_template_default_service_partner_id_foreign" foreign key ("default_service_partner_id") references "partner" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "job" add constraint "job_principal_id_foreign" foreign key ("principal_id") references "organization" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "job" add constraint "job_vehicle_id_foreign" foreign key ("vehicle_id") references "vehicle" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "job" add constraint "job_service_partner_id_foreign" foreign key ("service_partner_id") references "partner" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "job" add constraint "job_technician_id_foreign" foreign key ("technician_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "job" add constraint "job_template_id_foreign" foreign key ("template_id") references "job_template" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "job" add constraint "job_import_batch_id_foreign" foreign key ("import_batch_id") references "import_batch" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "job_event" add constraint "job_event_principal_id_foreign" foreign key ("principal_id") references "organization" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "job_event" add constraint "job_event_job_id_foreign" foreign key ("job_id") references "job" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "job_event" add constraint "job_event_actor_user_id_foreign" foreign key ("actor_user_id") references "app_user" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "job" drop constraint "job_template_id_foreign";`);

    this.addSql(`alter table "job_event" drop constraint "job_event_job_id_foreign";`);

    this.addSql(`drop table if exists "job_template" cascade;`);

    this.addSql(`drop table if exists "job" cascade;`);

    this.addSql(`drop table if exists "job_event" cascade;`);

    this.addSql(`drop type "job_kind";`);
    this.addSql(`drop type "job_status";`);
  }

}
