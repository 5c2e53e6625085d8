import { generateDevKeyPair, mintToken, Role, tokenExpiresAt } from './index';

describe('tokenExpiresAt', () => {
  it('reads exp (ms) from a token or its Bearer header; undefined for what is not a JWT', async () => {
    const keys = await generateDevKeyPair();
    const now = new Date('2026-11-26T08:00:00Z');
    const token = await mintToken(keys.privateKey, { subject: 's', name: '甲', roles: [Role.CLERK], district: '610113' }, { expiresIn: '30m', now });
    expect(tokenExpiresAt(token)).toBe(now.getTime() + 30 * 60_000);
    expect(tokenExpiresAt(`Bearer ${token}`)).toBe(now.getTime() + 30 * 60_000);
    expect(tokenExpiresAt('not a token')).toBeUndefined();
  });
});
