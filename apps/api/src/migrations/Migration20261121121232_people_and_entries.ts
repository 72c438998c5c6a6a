import { Migration } from '@mikro-orm/migrations';

/** People's documents (encrypted, hashed, masked) and details; entries' competition, source, reason. */
export class Migration20261121121232_people_and_entries extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "person" add column "document_type" text check ("document_type" in ('resident_id', 'hk_macau_permit', 'taiwan_permit', 'foreign_permanent_residence', 'passport')) null, add column "document_encrypted" text null, add column "document_hash" varchar(64) null, add column "document_masked" varchar(40) null, add column "birth_date" date null, add column "gender" text check ("gender" in ('male', 'female')) null, add column "mobile" varchar(20) null, add column "skill_level" int null;`,
    );
    this.addSql(
      `alter table "person" add constraint "person_document_hash_unique" unique ("document_hash");`,
    );

    // Existing entries take their event's competition before the column becomes required.
    this.addSql(`alter table "registration" add column "competition_id" uuid null;`);
    this.addSql(
      `update "registration" r set "competition_id" = e."competition_id" from "competition_event" e where e."id" = r."event_id";`,
    );
    this.addSql(`alter table "registration" alter column "competition_id" set not null;`);
    this.addSql(
      `alter table "registration" add column "reason" text null, add column "source" text check ("source" in ('self', 'coordinator', 'organiser', 'import')) not null default 'organiser', add column "submitted_by" uuid null, add column "candidate_number" varchar(20) null, add column "updated_at" timestamptz not null default now();`,
    );
    this.addSql(
      `alter table "registration" add constraint "registration_competition_id_foreign" foreign key ("competition_id") references "competition" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `create index "registration_competition_id_status_index" on "registration" ("competition_id", "status");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "registration" drop constraint "registration_competition_id_foreign";`,
    );

    this.addSql(`alter table "person" drop constraint "person_document_hash_unique";`);
    this.addSql(
      `alter table "person" drop column "document_type", drop column "document_encrypted", drop column "document_hash", drop column "document_masked", drop column "birth_date", drop column "gender", drop column "mobile", drop column "skill_level";`,
    );

    this.addSql(`drop index "registration_competition_id_status_index";`);
    this.addSql(
      `alter table "registration" drop column "competition_id", drop column "reason", drop column "source", drop column "submitted_by", drop column "candidate_number", drop column "updated_at";`,
    );
  }
}
