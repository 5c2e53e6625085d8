import { ConfigError } from '@pgov/config';
import { DEV_PUBLIC_KEY_FILE, loadGatewayConfig } from '../src/config';

describe('gateway configuration', () => {
  it('has working development defaults', () => {
    const config = loadGatewayConfig({});
    expect(config.port).toBe(4000);
    expect(config.subgraphUrls).toEqual({
      grids: 'http://127.0.0.1:4001/graphql',
      clues: 'http://127.0.0.1:4002/graphql',
      petitions: 'http://127.0.0.1:4003/graphql',
      indicators: 'http://127.0.0.1:4004/graphql',
    });
    expect(config.auth).toEqual({ publicKeyFile: DEV_PUBLIC_KEY_FILE });
    expect(config.graphiql).toBe(true);
    expect(config.introspection).toBe(true);
    expect(config.supergraphFile).toMatch(/apps\/gateway\/supergraph\.graphql$/);
  });

  it('turns GraphiQL and introspection off in production unless asked, and requires a key', () => {
    expect(() => loadGatewayConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_PUBLIC_KEY_FILE or AUTH_JWKS_FILE is required/);
    const config = loadGatewayConfig({ NODE_ENV: 'production', AUTH_JWKS_FILE: '/etc/pgov/jwks.json' });
    expect(config.graphiql).toBe(false);
    expect(config.introspection).toBe(false);
    expect(config.auth).toEqual({ jwksFile: '/etc/pgov/jwks.json' });
    expect(loadGatewayConfig({ NODE_ENV: 'production', AUTH_PUBLIC_KEY_FILE: '/k.pem', GRAPHIQL_ENABLED: 'true' }).graphiql).toBe(true);
  });

  it('reports every invalid variable at once', () => {
    let error: unknown;
    try {
      loadGatewayConfig({ PORT: 'x', GRIDS_URL: 'not a url', GRAPHQL_MAX_DEPTH: '0', GRAPHIQL_ENABLED: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'GRIDS_URL', 'GRAPHQL_MAX_DEPTH', 'GRAPHIQL_ENABLED']) expect(problems).toMatch(name);
  });

  it('turns subscriptions on where a Kafka broker is configured, unless switched off', () => {
    expect(loadGatewayConfig({}).subscriptions).toBeNull();
    const on = loadGatewayConfig({ KAFKA_BROKERS: '127.0.0.1:9092', KAFKA_NAMESPACE: 'staging.', SUBSCRIPTIONS_ALLOWED_ORIGINS: 'https://screens.example, http://127.0.0.1:5173' });
    expect(on.subscriptions).toEqual({
      kafka: { brokers: ['127.0.0.1:9092'], clientId: 'gateway', namespace: 'staging.', fetchLingerMs: 250 },
      maxPerConnection: 20,
      maxConnectionsPerUser: 10,
      allowedOrigins: { origins: ['https://screens.example', 'http://127.0.0.1:5173'], localhost: false },
      heartbeatMs: 5000,
    });
    expect(loadGatewayConfig({ KAFKA_BROKERS: '127.0.0.1:9092', KAFKA_FETCH_LINGER_MS: '0' }).subscriptions?.kafka.fetchLingerMs).toBe(0);
    expect(() => loadGatewayConfig({ KAFKA_BROKERS: '127.0.0.1:9092', KAFKA_FETCH_LINGER_MS: '5000' })).toThrow(/KAFKA_FETCH_LINGER_MS/);
    expect(loadGatewayConfig({ KAFKA_BROKERS: '127.0.0.1:9092', SUBSCRIPTIONS_ENABLED: 'false' }).subscriptions).toBeNull();
    expect(() => loadGatewayConfig({ SUBSCRIPTIONS_ENABLED: 'true' })).toThrow(/SUBSCRIPTIONS_ENABLED=true needs KAFKA_BROKERS/);
    expect(() => loadGatewayConfig({ KAFKA_BROKERS: '127.0.0.1:9092', SUBSCRIPTIONS_ALLOWED_ORIGINS: 'screens.example/' })).toThrow(/not an origin/);
  });

  it('CORS: localhost in development, none in production, else the list; WebSockets default to the same', () => {
    expect(loadGatewayConfig({}).corsOrigins).toEqual({ origins: [], localhost: true });
    const production = loadGatewayConfig({ NODE_ENV: 'production', AUTH_JWKS_FILE: '/j.json', KAFKA_BROKERS: '127.0.0.1:9092' });
    expect(production.corsOrigins).toEqual({ origins: [], localhost: false });
    expect(production.subscriptions?.allowedOrigins).toEqual({ origins: [], localhost: false });
    const listed = loadGatewayConfig({ CORS_ALLOWED_ORIGINS: 'https://app.example', KAFKA_BROKERS: '127.0.0.1:9092' });
    expect(listed.subscriptions?.allowedOrigins).toEqual({ origins: ['https://app.example'], localhost: false });
    expect(loadGatewayConfig({ KAFKA_BROKERS: '127.0.0.1:9092', SUBSCRIPTIONS_ALLOWED_ORIGINS: '*' }).subscriptions?.allowedOrigins.any).toBe(true);
    expect(() => loadGatewayConfig({ CORS_ALLOWED_ORIGINS: 'app.example' })).toThrow(/CORS_ALLOWED_ORIGINS: app.example is not an origin/);
  });

  it('trusted documents: off by default; log or enforce need the manifest file', () => {
    expect(loadGatewayConfig({}).trustedDocuments).toEqual({ mode: 'off' });
    expect(loadGatewayConfig({ TRUSTED_DOCUMENTS: 'enforce', TRUSTED_DOCUMENTS_FILE: '/m.json' }).trustedDocuments).toEqual({ mode: 'enforce', file: '/m.json' });
    expect(() => loadGatewayConfig({ TRUSTED_DOCUMENTS: 'enforce' })).toThrow(/needs TRUSTED_DOCUMENTS_FILE/);
    expect(() => loadGatewayConfig({ TRUSTED_DOCUMENTS: 'on' })).toThrow(/TRUSTED_DOCUMENTS/);
  });

  it('loading the gateway module disables Apollo telemetry', async () => {
    await import('../src/gateway');
    expect(process.env['APOLLO_TELEMETRY_DISABLED']).toBe('true');
  });
});
