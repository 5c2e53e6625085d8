import { configuredClock } from './clock';

describe('configuredClock', () => {
  it('is the system clock unless CLOCK_START is set', () => {
    const now = () => new Date('2026-11-26T00:00:00Z');
    expect(configuredClock('svc', { NODE_ENV: 'development' }, now)()).toEqual(now());
  });

  it('starts at CLOCK_START and runs on at the real pace', () => {
    let real = new Date('2026-11-26T00:00:00Z').getTime();
    const clock = configuredClock('svc', { NODE_ENV: 'test', CLOCK_START: '2027-02-01T08:00:00+08:00' }, () => new Date(real));
    expect(clock().toISOString()).toBe('2027-02-01T00:00:00.000Z');
    real += 5_000;
    expect(clock().toISOString()).toBe('2027-02-01T00:00:05.000Z');
  });

  it('is refused in production', () => {
    expect(() => configuredClock('svc', { NODE_ENV: 'production', CLOCK_START: '2027-02-01T00:00:00Z' })).toThrow(/CLOCK_START/);
  });
});
