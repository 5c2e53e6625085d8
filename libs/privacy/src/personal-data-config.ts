import type { z } from 'zod';
import { ConfigError, loadConfig } from '@pgov/config';
import { personalDataEnv, personalDataKeyProblems } from './personal-data-keys';

/**
 * loadConfig for a program that holds personal data: its own variables plus the three key
 * variables (required in every environment, no default anywhere). loadConfig checks variables one
 * by one; the problems between the key variables are added so that every problem shows at once.
 */
export function loadConfigWithPersonalDataKeys<S extends z.ZodRawShape>(service: string, shape: S, env: Record<string, string | undefined>) {
  const problems = personalDataKeyProblems(env);
  try {
    const config = loadConfig(service, { ...shape, ...personalDataEnv() }, env);
    if (problems.length === 0) return config;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.unshift(...error.problems);
  }
  throw new ConfigError(service, problems);
}
