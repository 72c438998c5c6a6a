import { Migration } from '@mikro-orm/migrations';

/** Teams, seeded draws and the entries of each round (code, session, station, check-in). */
export class Migration20261121140649_teams_draws_round_entries extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "draw" ("id" uuid not null, "round_id" uuid not null, "seed" varchar(64) not null, "entry_count" int not null, "created_by" uuid not null, "created_at" timestamptz not null default now(), "superseded_at" timestamptz null, "revealed_at" timestamptz null, "revealed_by" uuid null, constraint "draw_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "draw_round_id_index" on "draw" ("round_id");`);

    this.addSql(
      `create table "team" ("id" uuid not null, "competition_id" uuid not null, "event_id" uuid not null, "enterprise_id" uuid not null, "name" varchar(100) not null, "captain_registration_id" uuid null, "candidate_number" varchar(20) null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "team_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "team_competition_id_index" on "team" ("competition_id");`);
    this.addSql(`create index "team_event_id_index" on "team" ("event_id");`);
    this.addSql(`create index "team_enterprise_id_index" on "team" ("enterprise_id");`);
    this.addSql(
      `alter table "team" add constraint "team_event_id_name_unique" unique ("event_id", "name");`,
    );

    this.addSql(
      `create table "round_entry" ("id" uuid not null, "round_id" uuid not null, "registration_id" uuid null, "team_id" uuid null, "draw_id" uuid null, "anonymous_code" varchar(20) null, "session_id" uuid null, "station" int null, "attendance" text check ("attendance" in ('expected', 'present', 'absent')) not null default 'expected', "checked_in_at" timestamptz null, "checked_in_by" uuid null, "created_at" timestamptz not null default now(), constraint "round_entry_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "round_entry_round_id_index" on "round_entry" ("round_id");`);
    this.addSql(
      `create index "round_entry_registration_id_index" on "round_entry" ("registration_id");`,
    );
    this.addSql(`create index "round_entry_team_id_index" on "round_entry" ("team_id");`);
    this.addSql(`create index "round_entry_session_id_index" on "round_entry" ("session_id");`);
    this.addSql(
      `alter table "round_entry" add constraint "round_entry_round_id_anonymous_code_unique" unique ("round_id", "anonymous_code");`,
    );
    this.addSql(
      `alter table "round_entry" add constraint "round_entry_round_id_team_id_unique" unique ("round_id", "team_id");`,
    );
    this.addSql(
      `alter table "round_entry" add constraint "round_entry_round_id_registration_id_unique" unique ("round_id", "registration_id");`,
    );

    this.addSql(
      `alter table "draw" add constraint "draw_round_id_foreign" foreign key ("round_id") references "round" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "team" add constraint "team_competition_id_foreign" foreign key ("competition_id") references "competition" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "team" add constraint "team_event_id_foreign" foreign key ("event_id") references "competition_event" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "team" add constraint "team_enterprise_id_foreign" foreign key ("enterprise_id") references "organisation" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "round_entry" add constraint "round_entry_round_id_foreign" foreign key ("round_id") references "round" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "round_entry" add constraint "round_entry_registration_id_foreign" foreign key ("registration_id") references "registration" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "round_entry" add constraint "round_entry_team_id_foreign" foreign key ("team_id") references "team" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "round_entry" add constraint "round_entry_draw_id_foreign" foreign key ("draw_id") references "draw" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "round_entry" add constraint "round_entry_session_id_foreign" foreign key ("session_id") references "competition_session" ("id") on update cascade on delete set null;`,
    );

    this.addSql(`alter table "registration" add column "team_id" uuid null;`);
    this.addSql(
      `alter table "registration" add constraint "registration_team_id_foreign" foreign key ("team_id") references "team" ("id") on update cascade on delete set null;`,
    );
    this.addSql(`create index "registration_team_id_index" on "registration" ("team_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "round_entry" drop constraint "round_entry_draw_id_foreign";`);

    this.addSql(`alter table "registration" drop constraint "registration_team_id_foreign";`);

    this.addSql(`alter table "round_entry" drop constraint "round_entry_team_id_foreign";`);

    this.addSql(`drop table if exists "draw" cascade;`);

    this.addSql(`drop table if exists "team" cascade;`);

    this.addSql(`drop table if exists "round_entry" cascade;`);

    this.addSql(`drop index "registration_team_id_index";`);
    this.addSql(`alter table "registration" drop column "team_id";`);
  }
}
