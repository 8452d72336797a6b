// A real OpenID provider for the school sign-in tests: node-oidc-provider (OpenID Certified),
// one instance per issuer, all on one loopback port, each under its own path.
//
//   node provider.mjs PORT ISSUER_PATH...      e.g.  node provider.mjs 0 /tenant-a/v2.0 /google
//
// PORT 0 picks a free port. Once listening it prints one JSON line to stdout:
//   {"port": 41234, "issuers": {"/tenant-a/v2.0": "http://127.0.0.1:41234/tenant-a/v2.0", ...}}
//
// Every issuer signs with the same fixed test key (signing-key.json), as every Microsoft tenant
// shares Microsoft's keys: only the issuer and tid claims tell one tenant's token from another's.
// An issuer path shaped like Microsoft's (/<tenant>/v2.0) adds the tid and oid claims.
//
// Clients register themselves (dynamic client registration at <issuer>/reg). The login page is
// a plain form accepting the test accounts; consent is granted without asking.
//
// Test hooks (JSON over POST, on the server root, never under an issuer):
//   /_test/accounts    {"accounts": [{"login", "password", "sub", "issuers"?: [...], "claims": {...}}]}
//   /_test/next-token  {"issuer": "/tenant-a/v2.0", "action": "flip-signature" | "replay-previous"
//                       | "claims", "claims"?: {...}}: changes the ID token in that issuer's next
//                       token response ("claims" re-signs it with the shared key, as another
//                       tenant would sign it).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as jose from 'jose';
import Provider from 'oidc-provider';

const HERE = dirname(fileURLToPath(import.meta.url));
const JWKS = JSON.parse(readFileSync(join(HERE, 'signing-key.json'), 'utf8'));
const MICROSOFT_SHAPED = /^\/([^/]+)\/v2\.0$/;

const [portArg = process.env.PORT ?? '0', ...issuerArgs] = process.argv.slice(2);
const issuerPaths = issuerArgs.length
  ? issuerArgs
  : (process.env.ISSUERS ?? '/tenant-a/v2.0 /tenant-b/v2.0').split(/\s+/).filter(Boolean);

let accounts = [];
const nextToken = new Map(); // issuer path -> hook for its next token response
const lastIdToken = new Map(); // issuer path -> the last ID token it issued

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function accountFor(path, login) {
  return accounts.find((a) => a.login === login && (!a.issuers || a.issuers.includes(path)));
}

function claimsFor(path, account) {
  const claims = { sub: account.sub, ...account.claims };
  const tenant = MICROSOFT_SHAPED.exec(path);
  if (tenant) {
    claims.tid ??= tenant[1];
    claims.oid ??= account.sub;
  }
  return claims;
}

function loginPage(uid, error = '') {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test provider sign-in</title></head>
<body><main><h1>Test provider</h1>
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="${escape(uid)}">
<label for="login">Username</label> <input id="login" name="login" autocomplete="off">
<label for="password">Password</label> <input id="password" name="password" type="password">
<button type="submit">Sign in to the provider</button>
</form></main></body></html>`;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function makeProvider(path, issuer) {
  const provider = new Provider(issuer, {
    jwks: JWKS,
    cookies: { keys: ['test-provider-cookie-key'] },
    features: {
      devInteractions: { enabled: false },
      // Client ids are GUIDs, as Entra ID's application ids are.
      registration: { enabled: true, idFactory: () => randomUUID() },
    },
    pkce: { required: () => true }, // PKCE (S256) on every request, so the tests prove it is sent
    conformIdTokenClaims: false, // the claims go in the ID token, as Entra ID and Google put them
    claims: {
      openid: ['sub', 'tid', 'oid', 'hd'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username'],
    },
    interactions: { url: (ctx, interaction) => `${path}/interaction/${interaction.uid}` },
    async findAccount(ctx, sub) {
      const account = accounts.find((a) => a.sub === sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => claimsFor(path, account) };
    },
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({
        accountId: ctx.oidc.session.accountId,
        clientId: ctx.oidc.client.clientId,
      });
      grant.addOIDCScope(ctx.oidc.params.scope);
      await grant.save();
      return grant;
    },
    ttl: { Session: 60, Interaction: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
  });
  provider.proxy = false;

  provider.use(async (ctx, next) => {
    const interaction = /^\/interaction\/([^/]+)$/.exec(ctx.path);
    if (interaction && ctx.method === 'GET') {
      await provider.interactionDetails(ctx.req, ctx.res);
      ctx.type = 'html';
      ctx.body = loginPage(interaction[1]);
      return;
    }
    if (interaction && ctx.method === 'POST') {
      await provider.interactionDetails(ctx.req, ctx.res);
      const form = new URLSearchParams(await readBody(ctx.req));
      const account = accountFor(path, form.get('login'));
      if (!account || account.password !== form.get('password')) {
        ctx.type = 'html';
        ctx.body = loginPage(interaction[1], 'That username and password are not right.');
        return;
      }
      await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: account.sub } });
      ctx.respond = false;
      return;
    }
    await next();
    if (ctx.oidc?.route === 'token' && ctx.body?.id_token) {
      await changeIdToken(path, ctx);
    }
  });
  return provider;
}

async function changeIdToken(path, ctx) {
  const issued = ctx.body.id_token;
  const hook = nextToken.get(path);
  nextToken.delete(path);
  if (hook?.action === 'flip-signature') {
    const [header, payload, signature] = issued.split('.');
    const bytes = Buffer.from(signature, 'base64url');
    bytes[bytes.length - 1] ^= 0x01;
    ctx.body = { ...ctx.body, id_token: [header, payload, bytes.toString('base64url')].join('.') };
  } else if (hook?.action === 'replay-previous' && lastIdToken.get(path)) {
    ctx.body = { ...ctx.body, id_token: lastIdToken.get(path) };
  } else if (hook?.action === 'claims') {
    const claims = { ...jose.decodeJwt(issued), ...hook.claims };
    const key = await jose.importJWK(JWKS.keys[0], 'RS256');
    const token = await new jose.SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: JWKS.keys[0].kid, typ: 'JWT' })
      .sign(key);
    ctx.body = { ...ctx.body, id_token: token };
  }
  lastIdToken.set(path, issued);
}

async function testHook(req, res) {
  const body = JSON.parse((await readBody(req)) || '{}');
  if (req.url === '/_test/accounts') {
    accounts = body.accounts ?? [];
  } else if (req.url === '/_test/next-token') {
    nextToken.set(body.issuer, body);
  } else {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(204).end();
}

const providers = new Map();
const server = createServer((req, res) => {
  if (req.method === 'POST' && req.url.startsWith('/_test/')) {
    testHook(req, res).catch((error) => res.writeHead(400).end(String(error)));
    return;
  }
  for (const [path, provider] of providers) {
    if (req.url === path || req.url.startsWith(`${path}/`) || req.url.startsWith(`${path}?`)) {
      req.originalUrl = req.url;
      req.url = req.url.slice(path.length) || '/';
      provider.callback()(req, res);
      return;
    }
  }
  res.writeHead(404).end();
});

server.listen(Number(portArg), '127.0.0.1', () => {
  const { port } = server.address();
  const issuers = {};
  for (const path of issuerPaths) {
    issuers[path] = `http://127.0.0.1:${port}${path}`;
    providers.set(path, makeProvider(path, issuers[path]));
  }
  process.stdout.write(`${JSON.stringify({ port, issuers })}\n`);
});
