import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

/** Token for the shared Redis client, or null when REDIS_URL is not set. */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/**
 * Connects without blocking boot: when Redis is down the client keeps reconnecting in the
 * background and the API runs on (health reports it; Postgres stays the truth).
 */
export function connectRedis(url: string, onError: (error: Error) => void): RedisClient {
  const client = createClient({
    url,
    socket: { reconnectStrategy: (retries) => Math.min(retries * 200, 5000), connectTimeout: 3000 },
  });
  client.on('error', onError);
  void client.connect().catch(onError);
  return client;
}
