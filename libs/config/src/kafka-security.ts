import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * How a program authenticates to the broker. Nothing set: plaintext without authentication (a
 * development broker started with KAFKA_SECURITY=plaintext). A username and password: SASL
 * (SCRAM-SHA-512 unless said otherwise). A CA file (or KAFKA_SSL=true for the system's CAs): TLS.
 */
export const kafkaSecurityEnv = {
  KAFKA_SASL_MECHANISM: z.enum(['scram-sha-512', 'scram-sha-256', 'plain']).default('scram-sha-512'),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  KAFKA_SSL: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  KAFKA_SSL_CA_FILE: z.string().min(1).optional(),
};

export type KafkaSecuritySettings = z.infer<z.ZodObject<typeof kafkaSecurityEnv>>;

type SaslMechanism = 'scram-sha-512' | 'scram-sha-256' | 'plain';
/** One object per mechanism, as kafkajs types it. */
export type KafkaSasl = { [M in SaslMechanism]: { mechanism: M; username: string; password: string } }[SaslMechanism];

/** createKafka's `sasl` and `ssl` options; each present only when configured. */
export interface KafkaClientSecurity {
  sasl?: KafkaSasl;
  ssl?: true | { ca: string[] };
}

/**
 * The client options of these settings. Throws (at start-up, naming the variables but never the
 * password) when only one of username and password is set or the CA file cannot be read.
 */
export function kafkaClientSecurity(settings: Partial<KafkaSecuritySettings>): KafkaClientSecurity {
  const { KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password, KAFKA_SSL_CA_FILE: caFile } = settings;
  if ((username === undefined) !== (password === undefined)) {
    throw new Error('KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD go together: set both or neither');
  }
  const security: KafkaClientSecurity = {};
  if (username !== undefined && password !== undefined) security.sasl = { mechanism: settings.KAFKA_SASL_MECHANISM ?? 'scram-sha-512', username, password } as KafkaSasl;
  if (caFile !== undefined) {
    let ca: string;
    try {
      ca = readFileSync(caFile, 'utf8');
    } catch (error) {
      throw new Error(`KAFKA_SSL_CA_FILE ${caFile} cannot be read: ${(error as Error).message}`);
    }
    if (!ca.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`KAFKA_SSL_CA_FILE ${caFile} holds no PEM certificate`);
    security.ssl = { ca: [ca] };
  } else if (settings.KAFKA_SSL === true) security.ssl = true;
  return security;
}

/** For tools and tests that read no service config: the same variables, straight from `env`. */
export function kafkaSecurityFromEnv(env: Record<string, string | undefined> = process.env): KafkaClientSecurity {
  const parsed = z.object(kafkaSecurityEnv).safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid Kafka security settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return kafkaClientSecurity(parsed.data);
}
