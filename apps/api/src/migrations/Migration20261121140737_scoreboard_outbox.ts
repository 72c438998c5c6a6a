import { Migration } from '@mikro-orm/migrations';

/** The outbox of the live path: changes to broadcast to scoreboards. */
export class Migration20261121140737_scoreboard_outbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "scoreboard_change" ("id" bigserial primary key, "event_id" uuid not null, "reason" varchar(40) not null, "created_at" timestamptz not null default now(), "processed_at" timestamptz null);`,
    );
    this.addSql(
      `create index "scoreboard_change_event_id_index" on "scoreboard_change" ("event_id");`,
    );
    this.addSql(
      `create index "scoreboard_change_processed_at_index" on "scoreboard_change" ("processed_at");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "scoreboard_change" cascade;`);
  }
}
