import { Migration } from '@mikro-orm/migrations';

/** Sectors, event rules (team sizes, quotas, eligibility), rounds with versioned rubrics, sessions. */
export class Migration20261121120736_competition_setup extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "competition_sector" ("id" uuid not null, "competition_id" uuid not null, "name" varchar(200) not null, constraint "competition_sector_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "competition_sector_competition_id_index" on "competition_sector" ("competition_id");`,
    );
    this.addSql(
      `alter table "competition_sector" add constraint "competition_sector_competition_id_name_unique" unique ("competition_id", "name");`,
    );

    this.addSql(
      `create table "round" ("id" uuid not null, "event_id" uuid not null, "name" varchar(200) not null, "kind" text check ("kind" in ('theory', 'practical', 'preliminary', 'final', 'other')) not null, "level" text check ("level" in ('enterprise', 'county', 'city', 'province')) null, "sequence" int not null, "promotion_quota" int null, "rubric_version" int null, constraint "round_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "round_event_id_index" on "round" ("event_id");`);

    this.addSql(
      `create table "rubric_version" ("id" uuid not null, "round_id" uuid not null, "version" int not null, "rubric" jsonb not null, "created_by" uuid null, "created_at" timestamptz not null default now(), constraint "rubric_version_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "rubric_version" add constraint "rubric_version_round_id_version_unique" unique ("round_id", "version");`,
    );

    this.addSql(
      `create table "competition_session" ("id" uuid not null, "round_id" uuid not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "venue" varchar(200) not null, "station_count" int not null, constraint "competition_session_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "competition_session_round_id_index" on "competition_session" ("round_id");`,
    );

    this.addSql(
      `alter table "competition_sector" add constraint "competition_sector_competition_id_foreign" foreign key ("competition_id") references "competition" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "round" add constraint "round_event_id_foreign" foreign key ("event_id") references "competition_event" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "rubric_version" add constraint "rubric_version_round_id_foreign" foreign key ("round_id") references "round" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "competition_session" add constraint "competition_session_round_id_foreign" foreign key ("round_id") references "round" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "competition" add column "description" text not null default '', add column "registration_closes_at" timestamptz null, add column "substitution_deadline" timestamptz null;`,
    );

    this.addSql(
      `alter table "competition_event" add column "sector_id" uuid null, add column "min_team_size" int null, add column "max_team_size" int null, add column "exclusive" boolean not null default false, add column "quota_per_enterprise" int null, add column "quota_per_region" int null, add column "eligibility" jsonb null;`,
    );
    this.addSql(
      `alter table "competition_event" add constraint "competition_event_sector_id_foreign" foreign key ("sector_id") references "competition_sector" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "competition_event" drop constraint "competition_event_sector_id_foreign";`,
    );

    this.addSql(`alter table "rubric_version" drop constraint "rubric_version_round_id_foreign";`);

    this.addSql(
      `alter table "competition_session" drop constraint "competition_session_round_id_foreign";`,
    );

    this.addSql(`drop table if exists "competition_sector" cascade;`);

    this.addSql(`drop table if exists "round" cascade;`);

    this.addSql(`drop table if exists "rubric_version" cascade;`);

    this.addSql(`drop table if exists "competition_session" cascade;`);

    this.addSql(
      `alter table "competition" drop column "description", drop column "registration_closes_at", drop column "substitution_deadline";`,
    );

    this.addSql(
      `alter table "competition_event" drop column "sector_id", drop column "min_team_size", drop column "max_team_size", drop column "exclusive", drop column "quota_per_enterprise", drop column "quota_per_region", drop column "eligibility";`,
    );
  }
}
