import { Migration } from '@mikro-orm/migrations';

/** Draw digests and inputs (to verify a draw from its seed), and competitors' ID photos. */
export class Migration20261121143000_draw_verification_person_photos extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "draw" add column "digest" varchar(64) null, add column "input" jsonb null;`,
    );
    this.addSql(
      `create table "person_photo" ("id" uuid not null, "person_id" uuid not null, "content_type" varchar(20) not null, "data" bytea not null, "size" int not null, "sha256" varchar(64) not null, "uploaded_by" uuid null, "uploaded_at" timestamptz not null default now(), constraint "person_photo_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "person_photo" add constraint "person_photo_person_id_unique" unique ("person_id");`,
    );
    this.addSql(
      `alter table "person_photo" add constraint "person_photo_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "person_photo" cascade;`);
    this.addSql(`alter table "draw" drop column "digest", drop column "input";`);
  }
}
