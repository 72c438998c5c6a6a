import { Migration } from '@mikro-orm/migrations';

export class Migration20261121151500_judging extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "judging_chain_head" ("event_id" uuid not null, "seq" bigint not null, "hash" varchar(64) not null, "updated_at" timestamptz not null, constraint "judging_chain_head_pkey" primary key ("event_id"));`);

    this.addSql(`create table "judging_review" ("id" uuid not null, "event_id" uuid not null, "seq" bigint not null, "round_id" uuid not null, "entry_id" uuid not null, "node_id" varchar(100) not null, "attempt" int null, "note" varchar(500) not null, "actor_id" uuid not null, "at" timestamptz not null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null, constraint "judging_review_pkey" primary key ("id"));`);
    this.addSql(`create index "judging_review_round_id_index" on "judging_review" ("round_id");`);
    this.addSql(`alter table "judging_review" add constraint "judging_review_event_id_seq_unique" unique ("event_id", "seq");`);

    this.addSql(`create table "judging_mark" ("id" uuid not null, "event_id" uuid not null, "seq" bigint not null, "round_id" uuid not null, "entry_id" uuid not null, "sheet_id" uuid null, "judge_id" uuid null, "aspect_id" varchar(100) not null, "attempt" int null, "value" varchar(32) not null, "source" text check ("source" in ('judge', 'import')) not null, "idempotency_key" uuid not null, "supersedes" uuid null, "reason" varchar(500) null, "recorded_by" uuid not null, "device_id" varchar(100) null, "client_time" timestamptz null, "server_time" timestamptz not null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null, constraint "judging_mark_pkey" primary key ("id"));`);
    this.addSql(`alter table "judging_mark" add constraint "judging_mark_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "judging_mark_round_id_seq_index" on "judging_mark" ("round_id", "seq");`);
    this.addSql(`create index "judging_mark_sheet_id_aspect_id_attempt_seq_index" on "judging_mark" ("sheet_id", "aspect_id", "attempt", "seq");`);
    this.addSql(`alter table "judging_mark" add constraint "judging_mark_event_id_seq_unique" unique ("event_id", "seq");`);

    this.addSql(`create table "judging_round" ("round_id" uuid not null, "phase" text check ("phase" in ('draft', 'verified', 'published')) not null default 'draft', "live_public_scoring" boolean not null default false, "appeal_window_hours" int not null default 72, "current_entry_id" uuid null, "verified_at" timestamptz null, "verified_by" uuid null, "published_at" timestamptz null, "result_version" int null, "updated_at" timestamptz not null default now(), constraint "judging_round_pkey" primary key ("round_id"));`);

    this.addSql(`create table "judging_result_version" ("id" uuid not null, "round_id" uuid not null, "version" int not null, "rows" jsonb not null, "chain_seq" bigint not null, "published_by" uuid not null, "published_at" timestamptz not null default now(), "reason" varchar(500) null, "appeal_ids" jsonb not null, "promoted" int not null default 0, constraint "judging_result_version_pkey" primary key ("id"));`);
    this.addSql(`create index "judging_result_version_round_id_index" on "judging_result_version" ("round_id");`);
    this.addSql(`alter table "judging_result_version" add constraint "judging_result_version_round_id_version_unique" unique ("round_id", "version");`);

    this.addSql(`create table "judging_sheet_event" ("id" uuid not null, "event_id" uuid not null, "seq" bigint not null, "sheet_id" uuid not null, "status" text check ("status" in ('open', 'submitted', 'locked', 'reopened')) not null, "action" varchar(20) not null, "reason" varchar(500) null, "signature" varchar(100) null, "actor_id" uuid not null, "device_id" varchar(100) null, "idempotency_key" uuid null, "at" timestamptz not null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null, constraint "judging_sheet_event_pkey" primary key ("id"));`);
    this.addSql(`create index "judging_sheet_event_sheet_id_index" on "judging_sheet_event" ("sheet_id");`);
    this.addSql(`alter table "judging_sheet_event" add constraint "judging_sheet_event_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`alter table "judging_sheet_event" add constraint "judging_sheet_event_event_id_seq_unique" unique ("event_id", "seq");`);

    this.addSql(`create table "judging_appeal" ("id" uuid not null, "round_id" uuid not null, "entry_id" uuid not null, "filed_by" uuid not null, "filed_at" timestamptz not null default now(), "against_version" int not null, "reason" text not null, "status" text check ("status" in ('filed', 'under_review', 'upheld', 'rejected')) not null default 'filed', "decided_by" uuid null, "decided_at" timestamptz null, "decision_reason" text null, "result_version" int null, constraint "judging_appeal_pkey" primary key ("id"));`);
    this.addSql(`create index "judging_appeal_round_id_index" on "judging_appeal" ("round_id");`);

    this.addSql(`create table "judging_panel_member" ("id" uuid not null, "round_id" uuid not null, "judge_id" uuid not null, "seat" int not null, "session_ids" jsonb null, "stations" jsonb null, "aspect_ids" jsonb null, "created_at" timestamptz not null default now(), constraint "judging_panel_member_pkey" primary key ("id"));`);
    this.addSql(`create index "judging_panel_member_round_id_index" on "judging_panel_member" ("round_id");`);
    this.addSql(`create index "judging_panel_member_judge_id_index" on "judging_panel_member" ("judge_id");`);
    this.addSql(`alter table "judging_panel_member" add constraint "judging_panel_member_round_id_seat_unique" unique ("round_id", "seat");`);
    this.addSql(`alter table "judging_panel_member" add constraint "judging_panel_member_round_id_judge_id_unique" unique ("round_id", "judge_id");`);

    this.addSql(`create table "judging_sheet" ("id" uuid not null, "event_id" uuid not null, "round_id" uuid not null, "entry_id" uuid not null, "judge_id" uuid not null, "status" text check ("status" in ('open', 'submitted', 'locked', 'reopened')) not null default 'open', "remark_reason" varchar(500) null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "judging_sheet_pkey" primary key ("id"));`);
    this.addSql(`create index "judging_sheet_event_id_index" on "judging_sheet" ("event_id");`);
    this.addSql(`create index "judging_sheet_round_id_index" on "judging_sheet" ("round_id");`);
    this.addSql(`create index "judging_sheet_judge_id_index" on "judging_sheet" ("judge_id");`);
    this.addSql(`alter table "judging_sheet" add constraint "judging_sheet_entry_id_judge_id_unique" unique ("entry_id", "judge_id");`);

    this.addSql(`create table "judging_conflict" ("id" uuid not null, "competition_id" uuid not null, "judge_id" uuid not null, "kind" text check ("kind" in ('employer', 'enterprise', 'person')) not null, "enterprise_id" uuid null, "person_id" uuid null, "reason" varchar(500) null, "created_by" uuid not null, "created_at" timestamptz not null default now(), constraint "judging_conflict_pkey" primary key ("id"));`);
    this.addSql(`create index "judging_conflict_competition_id_index" on "judging_conflict" ("competition_id");`);
    this.addSql(`create index "judging_conflict_judge_id_index" on "judging_conflict" ("judge_id");`);

    this.addSql(`create table "judging_head_judge" ("event_id" uuid not null, "user_id" uuid not null, "assigned_by" uuid not null, "assigned_at" timestamptz not null default now(), constraint "judging_head_judge_pkey" primary key ("event_id"));`);

    this.addSql(`alter table "judging_round" add constraint "judging_round_round_id_foreign" foreign key ("round_id") references "round" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "judging_result_version" add constraint "judging_result_version_round_id_foreign" foreign key ("round_id") references "round" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "judging_appeal" add constraint "judging_appeal_round_id_foreign" foreign key ("round_id") references "round" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "judging_appeal" add constraint "judging_appeal_entry_id_foreign" foreign key ("entry_id") references "round_entry" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "judging_panel_member" add constraint "judging_panel_member_round_id_foreign" foreign key ("round_id") references "round" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "judging_panel_member" add constraint "judging_panel_member_judge_id_foreign" foreign key ("judge_id") references "user_account" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "judging_sheet" add constraint "judging_sheet_round_id_foreign" foreign key ("round_id") references "round" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "judging_sheet" add constraint "judging_sheet_entry_id_foreign" foreign key ("entry_id") references "round_entry" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "judging_sheet" add constraint "judging_sheet_judge_id_foreign" foreign key ("judge_id") references "user_account" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "judging_conflict" add constraint "judging_conflict_competition_id_foreign" foreign key ("competition_id") references "competition" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "judging_conflict" add constraint "judging_conflict_judge_id_foreign" foreign key ("judge_id") references "user_account" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "judging_head_judge" add constraint "judging_head_judge_event_id_foreign" foreign key ("event_id") references "competition_event" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "judging_head_judge" add constraint "judging_head_judge_user_id_foreign" foreign key ("user_id") references "user_account" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "judging_chain_head" cascade;`);

    this.addSql(`drop table if exists "judging_review" cascade;`);

    this.addSql(`drop table if exists "judging_mark" cascade;`);

    this.addSql(`drop table if exists "judging_round" cascade;`);

    this.addSql(`drop table if exists "judging_result_version" cascade;`);

    this.addSql(`drop table if exists "judging_sheet_event" cascade;`);

    this.addSql(`drop table if exists "judging_appeal" cascade;`);

    this.addSql(`drop table if exists "judging_panel_member" cascade;`);

    this.addSql(`drop table if exists "judging_sheet" cascade;`);

    this.addSql(`drop table if exists "judging_conflict" cascade;`);

    this.addSql(`drop table if exists "judging_head_judge" cascade;`);
  }

}
