import { z } from 'zod';

export const HealthCheck = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['up', 'down']),
  databaseMode: z.enum(['server', 'embedded']),
  redis: z.enum(['up', 'down', 'not_configured']),
  version: z.string(),
});
export type HealthCheck = z.infer<typeof HealthCheck>;
