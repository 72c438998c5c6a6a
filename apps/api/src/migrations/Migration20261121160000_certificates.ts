import { Migration } from '@mikro-orm/migrations';

/** 获奖证书: what was printed, the verification serial, and revocation. */
export class Migration20261121160000_certificates extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "certificate" ("id" uuid not null, "serial" varchar(32) not null, "competition_id" uuid not null, "event_id" uuid not null, "entry_id" uuid not null, "recipient_name" varchar(200) not null, "enterprise" varchar(200) null, "candidate_number" varchar(40) not null, "competition_name" varchar(200) not null, "event_name" varchar(200) not null, "award" varchar(100) not null, "rank" int null, "organiser_name" varchar(200) not null, "issued_on" date not null, "result_version" int null, "issued_by" uuid not null, "issued_at" timestamptz not null default now(), "revoked_at" timestamptz null, "revoked_by" uuid null, "revoke_reason" text null, constraint "certificate_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "certificate" add constraint "certificate_serial_unique" unique ("serial");`,
    );
    this.addSql(
      `create index "certificate_competition_id_index" on "certificate" ("competition_id");`,
    );
    this.addSql(
      `create index "certificate_event_id_entry_id_index" on "certificate" ("event_id", "entry_id");`,
    );
    this.addSql(
      `alter table "certificate" add constraint "certificate_competition_id_foreign" foreign key ("competition_id") references "competition" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "certificate" add constraint "certificate_event_id_foreign" foreign key ("event_id") references "competition_event" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "certificate" cascade;`);
  }
}
