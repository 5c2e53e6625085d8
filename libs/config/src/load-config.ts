import { z } from 'zod';

/** Thrown at start-up when the environment does not describe a runnable service; lists every problem at once. */
export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`${service}: invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses `env` (process.env by default) with a zod object schema. Each service's config.ts is the
 * only caller, so process.env is read in one place per service.
 */
export function loadConfig<S extends z.ZodRawShape>(
  service: string,
  shape: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<z.ZodObject<S>> {
  const result = z.object(shape).safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(root)';
    return env[name] === undefined ? `${name} is required (${issue.message})` : `${name}: ${issue.message}`;
  });
  throw new ConfigError(service, problems);
}
