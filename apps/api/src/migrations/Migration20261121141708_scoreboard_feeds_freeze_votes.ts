import { Migration } from '@mikro-orm/migrations';

/** Scoreboard boards (feeds) with their seq and recent deltas, freeze/reveal and vote settings, audience votes. */
export class Migration20261121141708_scoreboard_feeds_freeze_votes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "audience_vote" ("id" bigserial primary key, "event_id" uuid not null, "entry_id" uuid not null, "user_id" uuid not null, "ip" varchar(64) null, "created_at" timestamptz not null default now());`);
    this.addSql(`create index "audience_vote_event_id_entry_id_index" on "audience_vote" ("event_id", "entry_id");`);
    this.addSql(`alter table "audience_vote" add constraint "audience_vote_event_id_user_id_unique" unique ("event_id", "user_id");`);
    this.addSql(`create table "scoreboard_delta" ("event_id" uuid not null, "view" text check ("view" in ('public', 'staff')) not null, "seq" int not null, "changes" jsonb not null, "meta" jsonb null, "created_at" timestamptz not null default now(), constraint "scoreboard_delta_pkey" primary key ("event_id", "view", "seq"));`);
    this.addSql(`create table "scoreboard_feed" ("event_id" uuid not null, "view" text check ("view" in ('public', 'staff')) not null, "competition_id" uuid not null, "seq" int not null default 0, "state" jsonb not null, "lease_owner" varchar(64) null, "lease_until" timestamptz null, "updated_at" timestamptz not null default now(), constraint "scoreboard_feed_pkey" primary key ("event_id", "view"));`);
    this.addSql(`create index "scoreboard_feed_competition_id_index" on "scoreboard_feed" ("competition_id");`);
    this.addSql(`create table "scoreboard_setting" ("event_id" uuid not null, "competition_id" uuid not null, "freeze_at" timestamptz null, "reveal_started_at" timestamptz null, "revealed_at" timestamptz null, "last_revealed_entry_id" uuid null, "vote_enabled" boolean not null default false, "vote_closes_at" timestamptz null, "updated_at" timestamptz not null default now(), constraint "scoreboard_setting_pkey" primary key ("event_id"));`);
    this.addSql(`create index "scoreboard_setting_competition_id_index" on "scoreboard_setting" ("competition_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audience_vote" cascade;`);
    this.addSql(`drop table if exists "scoreboard_delta" cascade;`);
    this.addSql(`drop table if exists "scoreboard_feed" cascade;`);
    this.addSql(`drop table if exists "scoreboard_setting" cascade;`);
  }
}
