import { Migration } from '@mikro-orm/migrations';

/** Accounts, sessions, the organisation tree, competitions and their events, people, entries, audit. */
export class Migration20261121000000_foundation extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "audit_entry" ("id" bigserial primary key, "at" timestamptz not null default now(), "actor_id" uuid null, "action" varchar(100) not null, "subject_type" varchar(50) not null, "subject_id" varchar(100) null, "before" jsonb null, "after" jsonb null, "ip" varchar(64) null)`,
    );
    this.addSql(
      `create index "audit_entry_subject_type_subject_id_index" on "audit_entry" ("subject_type", "subject_id")`,
    );
    this.addSql(
      `create table "login_throttle" ("key" varchar(200) not null, "failures" int not null, "window_started_at" timestamptz not null, "blocked_until" timestamptz null, constraint "login_throttle_pkey" primary key ("key"))`,
    );
    this.addSql(
      `create table "organisation" ("id" uuid not null, "name" varchar(200) not null, "kind" text check ("kind" in ('province', 'city', 'county', 'enterprise')) not null, "parent_id" uuid null, "region" varchar(100) null, "industry" varchar(100) null, "created_at" timestamptz not null default now(), constraint "organisation_pkey" primary key ("id"))`,
    );
    this.addSql(`create index "organisation_parent_id_index" on "organisation" ("parent_id")`);
    this.addSql(
      `create table "competition" ("id" uuid not null, "name" varchar(200) not null, "year" int not null, "status" text check ("status" in ('draft', 'registration_open', 'registration_closed', 'running', 'finished')) not null default 'draft', "organiser_id" uuid not null, "starts_on" date null, "ends_on" date null, "timezone" varchar(50) not null default 'Asia/Shanghai', "created_at" timestamptz not null default now(), constraint "competition_pkey" primary key ("id"))`,
    );
    this.addSql(`create index "competition_organiser_id_index" on "competition" ("organiser_id")`);
    this.addSql(
      `create table "competition_event" ("id" uuid not null, "competition_id" uuid not null, "name" varchar(200) not null, "occupation_code" varchar(30) null, "kind" text check ("kind" in ('individual', 'team')) not null default 'individual', "capacity" int null, "sort_order" int not null default 0, constraint "competition_event_pkey" primary key ("id"))`,
    );
    this.addSql(
      `create index "competition_event_competition_id_index" on "competition_event" ("competition_id")`,
    );
    this.addSql(
      `create table "user_account" ("id" uuid not null, "username" varchar(64) not null, "display_name" varchar(100) not null, "password_hash" text not null, "must_change_password" boolean not null default false, "disabled" boolean not null default false, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "user_account_pkey" primary key ("id"))`,
    );
    this.addSql(
      `alter table "user_account" add constraint "user_account_username_unique" unique ("username")`,
    );
    this.addSql(
      `create table "session" ("id" uuid not null, "token_hash" varchar(64) not null, "user_id" uuid not null, "created_at" timestamptz not null default now(), "expires_at" timestamptz not null, "ip" varchar(64) null, "user_agent" varchar(300) null, constraint "session_pkey" primary key ("id"))`,
    );
    this.addSql(
      `alter table "session" add constraint "session_token_hash_unique" unique ("token_hash")`,
    );
    this.addSql(`create index "session_user_id_index" on "session" ("user_id")`);
    this.addSql(
      `create table "role_grant" ("id" uuid not null, "user_id" uuid not null, "role" text check ("role" in ('platform_admin', 'organiser', 'coordinator', 'head_judge', 'judge', 'competitor')) not null, "scope_type" text check ("scope_type" in ('platform', 'organisation', 'competition')) not null, "scope_id" uuid null, "created_at" timestamptz not null default now(), constraint "role_grant_pkey" primary key ("id"))`,
    );
    this.addSql(`create index "role_grant_user_id_index" on "role_grant" ("user_id")`);
    this.addSql(`create index "role_grant_scope_id_index" on "role_grant" ("scope_id")`);
    this.addSql(
      `create table "person" ("id" uuid not null, "name" varchar(100) not null, "enterprise_id" uuid null, "user_id" uuid null, "created_at" timestamptz not null default now(), constraint "person_pkey" primary key ("id"))`,
    );
    this.addSql(`create index "person_enterprise_id_index" on "person" ("enterprise_id")`);
    this.addSql(`alter table "person" add constraint "person_user_id_unique" unique ("user_id")`);
    this.addSql(
      `create table "registration" ("id" uuid not null, "event_id" uuid not null, "person_id" uuid not null, "status" text check ("status" in ('submitted', 'approved', 'rejected', 'waitlisted', 'withdrawn')) not null default 'submitted', "created_at" timestamptz not null default now(), constraint "registration_pkey" primary key ("id"))`,
    );
    this.addSql(`create index "registration_person_id_index" on "registration" ("person_id")`);
    this.addSql(
      `alter table "registration" add constraint "registration_event_id_person_id_unique" unique ("event_id", "person_id")`,
    );
    this.addSql(
      `alter table "organisation" add constraint "organisation_parent_id_foreign" foreign key ("parent_id") references "organisation" ("id") on update cascade on delete restrict`,
    );
    this.addSql(
      `alter table "competition" add constraint "competition_organiser_id_foreign" foreign key ("organiser_id") references "organisation" ("id") on update cascade on delete restrict`,
    );
    this.addSql(
      `alter table "competition_event" add constraint "competition_event_competition_id_foreign" foreign key ("competition_id") references "competition" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "user_account" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "role_grant" add constraint "role_grant_user_id_foreign" foreign key ("user_id") references "user_account" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "person" add constraint "person_enterprise_id_foreign" foreign key ("enterprise_id") references "organisation" ("id") on update cascade on delete restrict`,
    );
    this.addSql(
      `alter table "person" add constraint "person_user_id_foreign" foreign key ("user_id") references "user_account" ("id") on update cascade on delete set null`,
    );
    this.addSql(
      `alter table "registration" add constraint "registration_event_id_foreign" foreign key ("event_id") references "competition_event" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "registration" add constraint "registration_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete restrict`,
    );
  }
}
