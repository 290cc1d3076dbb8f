import { Migration } from '@mikro-orm/migrations';

export class Migration20261123163207 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "organization_kind" as enum ('PRINCIPAL', 'PARTNER');`);
    this.addSql(`create type "password_policy" as enum ('SIMPLE', 'COMPLEX');`);
    this.addSql(`create type "partner_role" as enum ('DEALER', 'SERVICE_PARTNER', 'OEM');`);
    this.addSql(`create type "partner_status" as enum ('DRAFT', 'PENDING', 'ACCEPTED');`);
    this.addSql(`create type "user_role" as enum ('ADMIN', 'MANAGER', 'VIEWER', 'STAFF', 'TECHNICIAN');`);
    this.addSql(`create table "organization" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "kind" "organization_kind" not null, "name" text not null, "legal_form" text null, "address" text null, "email" text null, "phone" text null, "region" text null, "password_policy" "password_policy" not null default 'SIMPLE', constraint "organization_pkey" primary key ("id"));`);
    this.addSql(`create index "organization_kind_index" on "organization" ("kind");`);

    this.addSql(`create table "outbox_email" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "organization_id" uuid not null, "to" text not null, "subject" text not null, "text" text not null, "html" text null, constraint "outbox_email_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_email_organization_id_id_index" on "outbox_email" ("organization_id", "id");`);

    this.addSql(`create table "partner" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "principal_id" uuid not null, "organization_id" uuid not null, "role" "partner_role" not null, "code" text not null, "parent_id" uuid null, "status" "partner_status" not null default 'DRAFT', "blocked" boolean not null default false, "users_blocked" boolean not null default false, "allow_job_override" boolean not null default false, constraint "partner_pkey" primary key ("id"));`);
    this.addSql(`create index "partner_organization_id_index" on "partner" ("organization_id");`);
    this.addSql(`create index "partner_principal_id_parent_id_index" on "partner" ("principal_id", "parent_id");`);
    this.addSql(`alter table "partner" add constraint "partner_principal_id_organization_id_unique" unique ("principal_id", "organization_id");`);
    this.addSql(`alter table "partner" add constraint "partner_principal_id_code_unique" unique ("principal_id", "code");`);

    this.addSql(`create table "app_user" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "organization_id" uuid not null, "email" text not null, "name" text not null, "role" "user_role" not null, "password_hash" text not null, "active" boolean not null default true, "last_sign_in_at" timestamptz null, constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);
    this.addSql(`create index "app_user_organization_id_email_index" on "app_user" ("organization_id", "email");`);

    this.addSql(`create table "session" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "user_id" uuid not null, "token_hash" text not null, "expires_at" timestamptz not null, "absolute_expires_at" timestamptz not null, "last_seen_at" timestamptz not null, "revoked_at" timestamptz null, "user_agent" text null, "ip" text null, constraint "session_pkey" primary key ("id"));`);
    this.addSql(`create index "session_user_id_index" on "session" ("user_id");`);
    this.addSql(`alter table "session" add constraint "session_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "api_key" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "organization_id" uuid not null, "name" text not null, "role" "user_role" not null, "prefix" text not null, "token_hash" text not null, "created_by_id" uuid null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, constraint "api_key_pkey" primary key ("id"));`);
    this.addSql(`create index "api_key_organization_id_index" on "api_key" ("organization_id");`);
    this.addSql(`alter table "api_key" add constraint "api_key_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "audit_event" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "organization_id" uuid not null, "action" text not null, "object_type" text not null, "object_id" text not null, "actor_label" text not null, "actor_user_id" uuid null, "actor_api_key_id" uuid null, "changes" jsonb null, constraint "audit_event_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_event_organization_id_actor_user_id_index" on "audit_event" ("organization_id", "actor_user_id");`);
    this.addSql(`create index "audit_event_organization_id_action_index" on "audit_event" ("organization_id", "action");`);
    this.addSql(`create index "audit_event_organization_id_object_type_object_id_index" on "audit_event" ("organization_id", "object_type", "object_id");`);
    this.addSql(`create index "audit_event_organization_id_id_index" on "audit_event" ("organization_id", "id");`);

    this.addSql(`alter table "outbox_email" add constraint "outbox_email_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "partner" add constraint "partner_principal_id_foreign" foreign key ("principal_id") references "organization" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "partner" add constraint "partner_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "partner" add constraint "partner_parent_id_foreign" foreign key ("parent_id") references "partner" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "app_user" add constraint "app_user_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "api_key" add constraint "api_key_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "api_key" add constraint "api_key_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "audit_event" add constraint "audit_event_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "audit_event" add constraint "audit_event_actor_user_id_foreign" foreign key ("actor_user_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "audit_event" add constraint "audit_event_actor_api_key_id_foreign" foreign key ("actor_api_key_id") references "api_key" ("id") on update cascade on delete set null;`);
  }

}
