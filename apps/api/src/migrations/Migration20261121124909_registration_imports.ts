import { Migration } from '@mikro-orm/migrations';

/** Bulk registration imports and their staged rows (documents encrypted, hashed, masked). */
export class Migration20261121124909_registration_imports extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "registration_import" ("id" uuid not null, "competition_id" uuid not null, "file_name" varchar(255) not null, "uploaded_by" uuid not null, "status" text check ("status" in ('validating', 'validated', 'committing', 'committed', 'discarded', 'failed')) not null default 'validating', "processed_rows" int not null default 0, "total_rows" int not null default 0, "valid_rows" int not null default 0, "invalid_rows" int not null default 0, "already_registered_rows" int not null default 0, "waitlisted_rows" int not null default 0, "created_rows" int not null default 0, "issue_count" int not null default 0, "failure" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "committed_at" timestamptz null, constraint "registration_import_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "registration_import_competition_id_index" on "registration_import" ("competition_id");`,
    );
    this.addSql(
      `create index "registration_import_status_index" on "registration_import" ("status");`,
    );

    this.addSql(
      `create table "registration_import_row" ("import_id" uuid not null, "row_number" int not null, "outcome" text check ("outcome" in ('valid', 'already_registered', 'invalid')) not null, "name" varchar(100) null, "document_type" varchar(40) null, "document_encrypted" text null, "document_hash" varchar(64) null, "document_masked" varchar(40) null, "mobile" varchar(20) null, "enterprise_id" uuid null, "event_id" uuid null, "skill_level" int null, "gender" text check ("gender" in ('male', 'female')) null, "birth_date" date null, "issues" jsonb null, constraint "registration_import_row_pkey" primary key ("import_id", "row_number"));`,
    );

    this.addSql(
      `alter table "registration_import" add constraint "registration_import_competition_id_foreign" foreign key ("competition_id") references "competition" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "registration_import_row" add constraint "registration_import_row_import_id_foreign" foreign key ("import_id") references "registration_import" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "registration_import_row" drop constraint "registration_import_row_import_id_foreign";`,
    );

    this.addSql(`drop table if exists "registration_import" cascade;`);

    this.addSql(`drop table if exists "registration_import_row" cascade;`);
  }
}
