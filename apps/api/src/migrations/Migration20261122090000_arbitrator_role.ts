import { Migration } from '@mikro-orm/migrations';

/**
 * 仲裁组: the `arbitrator` role, granted per competition, which reviews and decides appeals, and
 * the capacity an appeal was decided in.
 */
export class Migration20261122090000_arbitrator_role extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "role_grant" drop constraint if exists "role_grant_role_check";`);
    this.addSql(
      `alter table "role_grant" add constraint "role_grant_role_check" check ("role" in ('platform_admin', 'organiser', 'coordinator', 'head_judge', 'arbitrator', 'judge', 'competitor'));`,
    );
    this.addSql(
      `alter table "judging_appeal" add column "decided_as" text check ("decided_as" in ('head_judge', 'arbitrator')) null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "judging_appeal" drop column if exists "decided_as";`);
    this.addSql(`delete from "role_grant" where "role" = 'arbitrator';`);
    this.addSql(`alter table "role_grant" drop constraint if exists "role_grant_role_check";`);
    this.addSql(
      `alter table "role_grant" add constraint "role_grant_role_check" check ("role" in ('platform_admin', 'organiser', 'coordinator', 'head_judge', 'judge', 'competitor'));`,
    );
  }
}
