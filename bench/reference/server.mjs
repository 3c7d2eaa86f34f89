// node-oidc-provider 9, configured per its documentation, as the reference that bench/run
// measures beside Portcullis. Not a deployment: a fresh key, fresh secrets and an in-memory
// store on every start; it listens on 127.0.0.1 only.
//
//   BENCH_REF_PORT=PORT BENCH_REF_OUT=FILE NODE_ENV=production node server.mjs
//
// When it listens, it writes FILE (mode 0600), one JSON object:
//   { issuer, m2m_client_id, m2m_client_secret, access_token, pid }
// access_token is an opaque access token with scope "openid profile email" for the one account,
// usable at the userinfo endpoint. The m2m client gets RS256-signed JWT access tokens from
// client_credentials. Then it prints "ready" on stdout.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';

import Provider from 'oidc-provider';

const port = Number.parseInt(process.env.BENCH_REF_PORT ?? '', 10);
const outFile = process.env.BENCH_REF_OUT;
if (!Number.isInteger(port) || port <= 0 || port > 65535 || !outFile) {
  console.error('usage: BENCH_REF_PORT=PORT BENCH_REF_OUT=FILE node server.mjs');
  process.exit(2);
}

const issuer = `http://127.0.0.1:${port}`;
// Resource Indicators (RFC 8707): the one API the m2m client gets tokens for.
const API = 'urn:portcullis-bench:api';
const TOKEN_TTL = 3600; // as PORTCULLIS_ACCESS_TOKEN_TTL in bench/run

// RS256 signing key, RSA-2048, generated at start (as Portcullis's first start does).
const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = {
  ...privateKey.export({ format: 'jwk' }),
  kid: crypto.randomBytes(12).toString('base64url'),
  use: 'sig',
  alg: 'RS256',
};

const secret = () => crypto.randomBytes(32).toString('base64url');
const m2m = { client_id: 'bench-m2m', client_secret: secret() };
const web = { client_id: 'bench-web', client_secret: secret() };
const REDIRECT_URI = 'http://127.0.0.1/bench/callback';

// One account, with the claims Portcullis's bench user has.
const ACCOUNT_ID = 'bench-user';
const accounts = new Map([[ACCOUNT_ID, {
  sub: ACCOUNT_ID,
  name: 'Bench User',
  email: 'bench@example.com',
  email_verified: true,
}]]);

const configuration = {
  clients: [
    {
      // client_credentials only, client_secret_basic at the token endpoint.
      ...m2m,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    {
      // The client the userinfo access token is issued to.
      ...web,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: [REDIRECT_URI],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [signingKey] },
  // Signed cookies, as the documentation recommends; no measured endpoint sets a cookie.
  cookies: { keys: [secret(), secret()] },
  claims: {
    openid: ['sub'],
    profile: ['name'],
    email: ['email', 'email_verified'],
  },
  scopes: ['openid', 'profile', 'email'],
  async findAccount(_ctx, sub) {
    const claims = accounts.get(sub);
    if (!claims) return undefined;
    return { accountId: sub, async claims() { return claims; } };
  },
  features: {
    // No login UI is served: the userinfo token is minted at start-up (below).
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    userinfo: { enabled: true },
    resourceIndicators: {
      enabled: true,
      // client_credentials without a `resource` parameter gets a token for API.
      async defaultResource() { return API; },
      // API's tokens are JWTs signed RS256 with the key above (the documented example, RS256).
      async getResourceServerInfo(_ctx, resourceIndicator) {
        if (resourceIndicator !== API) throw new Provider.errors.InvalidTarget();
        return {
          scope: 'api:read',
          audience: API,
          accessTokenTTL: TOKEN_TTL,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        };
      },
    },
  },
  ttl: {
    AccessToken: TOKEN_TTL,
    ClientCredentials: TOKEN_TTL,
    Grant: 14 * 24 * 3600,
  },
  // No adapter: the provider's own in-memory adapter (it prints one warning saying so).
};

const provider = new Provider(issuer, configuration);

// The userinfo access token, minted through the provider's own models as its documentation
// shows for grants: a Grant for the account and the web client with the OIDC scopes, then an
// opaque AccessToken (no audience: only opaque tokens without one are accepted at userinfo).
async function mintUserinfoToken() {
  const grant = new provider.Grant({ accountId: ACCOUNT_ID, clientId: web.client_id });
  grant.addOIDCScope('openid profile email');
  const grantId = await grant.save();
  const client = await provider.Client.find(web.client_id);
  const token = new provider.AccessToken({
    accountId: ACCOUNT_ID,
    client,
    grantId,
    scope: 'openid profile email',
    expiresIn: TOKEN_TTL,
  });
  return token.save();
}

const accessToken = await mintUserinfoToken();

const server = provider.listen(port, '127.0.0.1', () => {
  fs.writeFileSync(outFile, `${JSON.stringify({
    issuer,
    m2m_client_id: m2m.client_id,
    m2m_client_secret: m2m.client_secret,
    access_token: accessToken,
    pid: process.pid,
  })}\n`, { mode: 0o600 });
  console.log('ready');
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => { server.closeAllConnections(); process.exit(0); });
}
