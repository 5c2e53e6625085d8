import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaSecurityFromEnv } from './kafka-security';

describe('Kafka client security from the environment', () => {
  it('is nothing when nothing is set: plaintext, as a development broker', () => {
    expect(kafkaSecurityFromEnv({})).toEqual({});
  });

  it('is SCRAM-SHA-512 with a username and password, TLS with a CA file', () => {
    const ca = join(mkdtempSync(join(tmpdir(), 'kafka-ca-')), 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(kafkaSecurityFromEnv({ KAFKA_SASL_USERNAME: 'clues', KAFKA_SASL_PASSWORD: 's3cret', KAFKA_SSL_CA_FILE: ca })).toEqual({
      sasl: { mechanism: 'scram-sha-512', username: 'clues', password: 's3cret' },
      ssl: { ca: [expect.stringContaining('BEGIN CERTIFICATE')] },
    });
    expect(kafkaSecurityFromEnv({ KAFKA_SSL: 'true' })).toEqual({ ssl: true });
  });

  it('refuses half a credential, an unknown mechanism and an unreadable CA, never echoing the password', () => {
    expect(() => kafkaSecurityFromEnv({ KAFKA_SASL_PASSWORD: 's3cret' })).toThrow('KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD go together');
    expect(() => kafkaSecurityFromEnv({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 's3cret', KAFKA_SASL_MECHANISM: 'gssapi' })).toThrow(/KAFKA_SASL_MECHANISM/);
    expect(() => kafkaSecurityFromEnv({ KAFKA_SSL_CA_FILE: '/nonexistent/ca.pem' })).toThrow(/KAFKA_SSL_CA_FILE \/nonexistent\/ca.pem cannot be read/);
    try {
      kafkaSecurityFromEnv({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 's3cret', KAFKA_SASL_MECHANISM: 'gssapi' });
    } catch (error) {
      expect((error as Error).message).not.toContain('s3cret');
    }
  });
});
