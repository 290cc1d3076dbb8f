import { Migration } from '@mikro-orm/migrations';

export class Migration20261201000000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "server_setting" ("key" text not null, "value" text not null, "updated_at" timestamptz not null, constraint "server_setting_pkey" primary key ("key"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "server_setting" cascade;`);
  }

}
