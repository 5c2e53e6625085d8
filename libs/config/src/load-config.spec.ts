import { ConfigError, databaseUrl, kafkaBrokers, loadConfig, port } from './index';

const shape = { PORT: port(4001), DATABASE_URL: databaseUrl(), KAFKA_BROKERS: kafkaBrokers() };

describe('loadConfig', () => {
  it('parses and coerces a valid environment', () => {
    const cfg = loadConfig('grids', shape, {
      PORT: '5000',
      DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/grids',
      KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.2:9093',
    });
    expect(cfg.PORT).toBe(5000);
    expect(cfg.KAFKA_BROKERS).toEqual(['127.0.0.1:9092', '127.0.0.2:9093']);
  });

  it('reports every problem at once, naming each variable', () => {
    let error: unknown;
    try {
      loadConfig('grids', shape, { PORT: 'abc', KAFKA_BROKERS: 'nohostport' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/DATABASE_URL is required/);
    expect(problems).toMatch(/KAFKA_BROKERS/);
    expect((error as ConfigError).message).toMatch(/^grids: invalid configuration/);
  });
});
