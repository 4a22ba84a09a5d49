// A real OpenID Connect provider for tests (oidc-provider on a loopback port), configured as ORCID
// is: authorization code flow, PKCE required, the ORCID iD as subject, given and family names in
// the ID token. Its development login page accepts any login name: the name typed is the ORCID iD
// to sign in as. Also a free loopback port, so the service's callback URL is known before it starts.
import { createServer, type AddressInfo } from 'node:net';
import http from 'node:http';
import Provider from 'oidc-provider';

export const clientId = 'APP-MAILLAGETEST0001';
export const clientSecret = 'test-client-secret-0123456789abcdef';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface OrcidProvider {
  issuer: string;
  close(): Promise<void>;
}

/** Names the provider gives for an ORCID iD (the one the test signs in as). */
const names: Record<string, { given_name: string; family_name: string }> = {};
export function nameFor(orcid: string, given: string, family: string): void {
  names[orcid] = { given_name: given, family_name: family };
}

export async function startOrcidProvider(redirectUri: string): Promise<OrcidProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], response_types: ['code'], grant_types: ['authorization_code'], token_endpoint_auth_method: 'client_secret_basic' }],
    pkce: { required: () => true },
    claims: { openid: ['sub', 'given_name', 'family_name'] },
    conformIdTokenClaims: false,
    findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub, ...(names[sub] ?? { given_name: 'Test', family_name: sub }) }) }),
    cookies: { keys: ['orcid-provider-test-key'] },
    features: { devInteractions: { enabled: true } },
  } as never);
  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { issuer, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
