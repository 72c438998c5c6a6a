import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { LoginThrottle } from './entities/login-throttle.entity';

export class LoginThrottledError extends DomainError {
  readonly status = 429;
  readonly code = 'auth.throttled';

  constructor(seconds: number) {
    super({ seconds }, { 'Retry-After': String(seconds) });
  }
}

interface Limit {
  /** failures allowed within the window before blocking */
  failures: number;
  windowMs: number;
  blockMs: number;
}

/**
 * Counts failed sign-ins in the database (so every API process shares the count): per username
 * and IP pair (guessing one account) and per IP (spraying many accounts). Blocking the pair rather
 * than the account alone means an attacker elsewhere cannot lock a judge out on competition day.
 */
export const LOGIN_LIMITS = {
  pair: { failures: 5, windowMs: 15 * 60_000, blockMs: 5 * 60_000 },
  ip: { failures: 50, windowMs: 15 * 60_000, blockMs: 15 * 60_000 },
} satisfies Record<string, Limit>;

@Injectable()
export class LoginThrottleService {
  constructor(private readonly em: EntityManager) {}

  private keys(username: string, ip: string): Array<[string, Limit]> {
    return [
      [`pair:${username.toLowerCase()}|${ip}`, LOGIN_LIMITS.pair],
      [`ip:${ip}`, LOGIN_LIMITS.ip],
    ];
  }

  /** Throws LoginThrottledError while either key is blocked. */
  async assertAllowed(username: string, ip: string, now = new Date()): Promise<void> {
    const keys = this.keys(username, ip).map(([key]) => key);
    const rows = await this.em.find(LoginThrottle, { key: { $in: keys } });
    const blockedUntil = Math.max(0, ...rows.map((row) => row.blockedUntil?.getTime() ?? 0));
    if (blockedUntil > now.getTime()) {
      throw new LoginThrottledError(Math.ceil((blockedUntil - now.getTime()) / 1000));
    }
  }

  async recordFailure(username: string, ip: string, now = new Date()): Promise<void> {
    for (const [key, limit] of this.keys(username, ip)) {
      // One statement per key, atomic under concurrent attempts from several processes.
      await this.em.getConnection().execute(
        `insert into login_throttle (key, failures, window_started_at, blocked_until)
         values (?, 1, ?, null)
         on conflict (key) do update set
           failures = case when login_throttle.window_started_at < ?::timestamptz
                           then 1 else login_throttle.failures + 1 end,
           window_started_at = case when login_throttle.window_started_at < ?::timestamptz
                           then excluded.window_started_at else login_throttle.window_started_at end,
           blocked_until = case
             when login_throttle.window_started_at >= ?::timestamptz
              and login_throttle.failures + 1 >= ? then ?::timestamptz
             else login_throttle.blocked_until end`,
        [
          key,
          now,
          new Date(now.getTime() - limit.windowMs),
          new Date(now.getTime() - limit.windowMs),
          new Date(now.getTime() - limit.windowMs),
          limit.failures,
          new Date(now.getTime() + limit.blockMs),
        ],
      );
    }
  }

  async recordSuccess(username: string, ip: string): Promise<void> {
    await this.em.nativeDelete(LoginThrottle, { key: this.keys(username, ip)[0]![0] });
  }
}
