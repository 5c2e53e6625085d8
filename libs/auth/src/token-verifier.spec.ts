import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, exportJWK } from 'jose';
import {
  AuthError,
  Role,
  createTokenVerifier,
  generateDevKeyPair,
  identityFromAuthorizationHeader,
  mintToken,
  requireIdentity,
  type AuthFailureReason,
  type DevKeyPair,
  type Identity,
  type TokenVerifier,
} from './index';

const alice: Identity = { subject: 'u-1001', name: '张三', roles: [Role.GRID_WORKER], district: '610113' };

async function rejection(promise: Promise<unknown>): Promise<AuthError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AuthError) return error;
    throw error;
  }
  throw new Error('expected the token to be rejected');
}

describe('token verifier', () => {
  let keys: DevKeyPair;
  let other: DevKeyPair;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    keys = await generateDevKeyPair();
    other = await generateDevKeyPair();
    verifier = createTokenVerifier({ publicKeyPem: keys.publicKeyPem });
  });

  const rejects = async (token: string, reason: AuthFailureReason) =>
    expect((await rejection(verifier.verify(token))).reason).toBe(reason);

  it('accepts a valid token and returns the identity', async () => {
    const token = await mintToken(keys.privateKey, alice, { expiresIn: '8h' });
    await expect(verifier.verify(token)).resolves.toEqual(alice);
  });

  it('accepts a token minted from a PEM string', async () => {
    const token = await mintToken(keys.privateKeyPem, alice, { expiresIn: 60 });
    await expect(verifier.verify(token)).resolves.toEqual(alice);
  });

  it('accepts RS256 tokens with an RSA key', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rsaVerifier = createTokenVerifier({ publicKeyPem: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString() });
    const token = await mintToken(rsa.privateKey, alice, { expiresIn: '5m' });
    expect(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()).alg).toBe('RS256');
    await expect(rsaVerifier.verify(token)).resolves.toEqual(alice);
  });

  it('rejects a missing token', async () => {
    await rejects('', 'missing');
    expect((await rejection(identityFromAuthorizationHeader(verifier, undefined))).reason).toBe('missing');
    expect((await rejection(identityFromAuthorizationHeader(verifier, 'Bearer '))).reason).toBe('missing');
  });

  it('rejects a malformed header or token', async () => {
    expect((await rejection(identityFromAuthorizationHeader(verifier, 'Basic dXNlcjpwYXNz'))).reason).toBe('malformed');
    expect((await rejection(identityFromAuthorizationHeader(verifier, ['Bearer a.b.c', 'Bearer a.b.c']))).reason).toBe(
      'malformed',
    );
    await rejects('not-a-jwt', 'malformed');
  });

  it('rejects an expired token', async () => {
    await rejects(await mintToken(keys.privateKey, alice, { expiresIn: -60 }), 'expired');
  });

  it('rejects a token signed by another key', async () => {
    await rejects(await mintToken(other.privateKey, alice, { expiresIn: '1h' }), 'bad_signature');
  });

  it('rejects a token whose signature was tampered with', async () => {
    const token = await mintToken(keys.privateKey, alice, { expiresIn: '1h' });
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'x', name: 'x', roles: ['CITY_ADMIN'], district: '610100', iss: 'pgov-dev-idp', aud: 'pgov-api', exp: 9999999999 })).toString('base64url');
    await rejects(`${h}.${forged}.${s}`, 'bad_signature');
  });

  it('rejects a wrong audience', async () => {
    await rejects(await mintToken(keys.privateKey, alice, { expiresIn: '1h', audience: 'someone-else' }), 'wrong_audience');
  });

  it('rejects a wrong issuer', async () => {
    await rejects(await mintToken(keys.privateKey, alice, { expiresIn: '1h', issuer: 'evil-idp' }), 'wrong_issuer');
  });

  it('rejects alg none and HS256', async () => {
    const payload = Buffer.from(JSON.stringify({ sub: 'x', name: 'x', roles: ['CITY_ADMIN'], district: '610100', iss: 'pgov-dev-idp', aud: 'pgov-api', exp: 9999999999 })).toString('base64url');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    await expect(rejection(verifier.verify(none))).resolves.toBeInstanceOf(AuthError);
    const hs = await new SignJWT({ name: 'x', roles: ['CITY_ADMIN'], district: '610100' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer('pgov-dev-idp')
      .setAudience('pgov-api')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(keys.publicKeyPem));
    await rejects(hs, 'bad_algorithm');
  });

  describe('the cache of verified tokens', () => {
    it('serves a token it verified until it expires, then refuses it as expired', async () => {
      let now = new Date();
      const cached = createTokenVerifier({ publicKeyPem: keys.publicKeyPem, currentDate: () => now });
      const token = await mintToken(keys.privateKey, alice, { expiresIn: '1h' });
      await expect(cached.verify(token)).resolves.toEqual(alice);
      await expect(cached.verify(token)).resolves.toEqual(alice);
      now = new Date(now.getTime() + 2 * 3_600_000);
      expect((await rejection(cached.verify(token))).reason).toBe('expired');
    });

    it('never answers a changed token from it, nor keeps a refused one', async () => {
      const cached = createTokenVerifier({ publicKeyPem: keys.publicKeyPem });
      const token = await mintToken(keys.privateKey, alice, { expiresIn: '1h' });
      await cached.verify(token);
      const [h, p, sig] = token.split('.');
      const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), roles: ['CITY_ADMIN'] })).toString('base64url')}.${sig}`;
      expect((await rejection(cached.verify(forged))).reason).toBe('bad_signature');
      const foreign = await mintToken(other.privateKey, alice, { expiresIn: '1h' });
      expect((await rejection(cached.verify(foreign))).reason).toBe('bad_signature');
      expect((await rejection(cached.verify(foreign))).reason).toBe('bad_signature');
    });
  });

  describe('bad claims', () => {
    const sign = (claims: Record<string, unknown>, withExp = true) => {
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).setIssuer('pgov-dev-idp').setAudience('pgov-api');
      if (withExp) jwt.setExpirationTime('1h');
      return jwt.sign(keys.privateKey);
    };
    const valid = { sub: 'u-1', name: '李四', roles: ['CLERK'], district: '610102' };

    it('sanity: the helper signs a valid token', async () => {
      await expect(verifier.verify(await sign(valid))).resolves.toMatchObject({ subject: 'u-1', roles: ['CLERK'] });
    });
    it.each([
      ['an unknown role', { ...valid, roles: ['SUPERUSER'] }],
      ['no roles', { ...valid, roles: [] }],
      ['roles not an array', { ...valid, roles: 'CLERK' }],
      ['a malformed district', { ...valid, district: '6101' }],
      ['a non-numeric district', { ...valid, district: 'xian01' }],
      ['no name', { sub: 'u-1', roles: ['CLERK'], district: '610102' }],
      ['no subject', { name: 'x', roles: ['CLERK'], district: '610102' }],
    ])('rejects %s', async (_label, claims) => {
      await rejects(await sign(claims), 'bad_claims');
    });
    it('rejects a token without exp', async () => {
      await rejects(await sign(valid, false), 'bad_claims');
    });
  });

  it('verifies against a JWK set selected by kid', async () => {
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    const jwksVerifier = createTokenVerifier({ jwks: { keys: [jwk] } });
    await expect(jwksVerifier.verify(await mintToken(keys.privateKey, alice, { expiresIn: '1h', keyId: 'k1' }))).resolves.toEqual(alice);
    expect((await rejection(jwksVerifier.verify(await mintToken(other.privateKey, alice, { expiresIn: '1h', keyId: 'k1' })))).reason).toBe('bad_signature');
    expect((await rejection(jwksVerifier.verify(await mintToken(other.privateKey, alice, { expiresIn: '1h', keyId: 'k2' })))).reason).toBe('bad_signature');
  });

  it('refuses to build a verifier for a key whose algorithm is not accepted', () => {
    expect(() => createTokenVerifier({ publicKeyPem: keys.publicKeyPem, algorithms: ['RS256'] })).toThrow(/ES256/);
  });

  it('requireIdentity maps failures to a 401 UNAUTHENTICATED GraphQL error with a public reason only', async () => {
    const expired = await mintToken(keys.privateKey, alice, { expiresIn: -60 });
    await expect(requireIdentity(verifier, `Bearer ${expired}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED', reason: 'expired', http: { status: 401 } },
    });
    const foreign = await mintToken(other.privateKey, alice, { expiresIn: '1h' });
    await expect(requireIdentity(verifier, `Bearer ${foreign}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED', reason: 'invalid' },
    });
    await expect(requireIdentity(verifier, undefined)).rejects.toMatchObject({ extensions: { reason: 'missing' } });
    const ok = await mintToken(keys.privateKey, alice, { expiresIn: '1h' });
    await expect(requireIdentity(verifier, `Bearer ${ok}`)).resolves.toEqual(alice);
  });

  it('mintToken refuses an invalid identity', async () => {
    await expect(mintToken(keys.privateKey, { ...alice, district: '61' }, { expiresIn: '1h' })).rejects.toThrow(/district/);
  });
});
