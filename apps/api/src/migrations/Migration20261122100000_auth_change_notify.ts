import { Migration } from '@mikro-orm/migrations';

/**
 * Who is signed in, and with which grants, may be kept briefly in each API process's memory
 * (modules/auth/session-cache.ts). Any change to a session, a grant or a user account — through
 * the app or by hand in SQL — notifies channel `jingsai_auth` with the user's id when it commits,
 * and every process forgets that user.
 */
export class Migration20261122100000_auth_change_notify extends Migration {
  override async up(): Promise<void> {
    // The trigger's argument names the column holding the user's id.
    this.addSql(`
      create or replace function jingsai_auth_changed() returns trigger language plpgsql as $$
      begin
        perform pg_notify('jingsai_auth',
          (case when tg_op = 'DELETE' then to_jsonb(old) else to_jsonb(new) end) ->> tg_argv[0]);
        return null;
      end $$;`);
    this.addSql(
      `create trigger session_auth_changed after update or delete on "session" for each row execute function jingsai_auth_changed('user_id');`,
    );
    this.addSql(
      `create trigger role_grant_auth_changed after insert or update or delete on "role_grant" for each row execute function jingsai_auth_changed('user_id');`,
    );
    this.addSql(
      `create trigger user_account_auth_changed after update or delete on "user_account" for each row execute function jingsai_auth_changed('id');`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists session_auth_changed on "session";`);
    this.addSql(`drop trigger if exists role_grant_auth_changed on "role_grant";`);
    this.addSql(`drop trigger if exists user_account_auth_changed on "user_account";`);
    this.addSql(`drop function if exists jingsai_auth_changed();`);
  }
}
