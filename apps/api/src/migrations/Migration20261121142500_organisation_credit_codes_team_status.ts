import { Migration } from '@mikro-orm/migrations';

/**
 * Organisations get their 统一社会信用代码 (unique when present; existing rows keep none until an
 * organiser adds it) and an update time; teams get a status (forming → submitted → approved /
 * rejected, or withdrawn) and the reason the enterprise sees.
 */
export class Migration20261121142500_organisation_credit_codes_team_status extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "organisation" add column "credit_code" varchar(18) null, add column "updated_at" timestamptz not null default now();`,
    );
    this.addSql(
      `alter table "organisation" add constraint "organisation_credit_code_unique" unique ("credit_code");`,
    );
    this.addSql(
      `alter table "team" add column "status" text check ("status" in ('forming', 'submitted', 'approved', 'rejected', 'withdrawn')) not null default 'forming', add column "reason" text null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "team" drop column "status", drop column "reason";`);
    this.addSql(`alter table "organisation" drop constraint "organisation_credit_code_unique";`);
    this.addSql(`alter table "organisation" drop column "credit_code", drop column "updated_at";`);
  }
}
