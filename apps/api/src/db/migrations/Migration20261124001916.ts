import { Migration } from '@mikro-orm/migrations';

/** Each user's own preferences (e.g. the jobs list's columns), kept on the server so they follow the user across browsers. */
export class Migration20261124001916 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "app_user" add column "preferences" jsonb not null default '{}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "app_user" drop column "preferences";`);
  }
}
