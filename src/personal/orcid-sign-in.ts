// Owns signing in with ORCID: OpenID Connect authorization code flow with PKCE, state and nonce,
// through openid-client. The provider (ORCID production, sandbox, or a local one in tests) is
// discovered at the first sign-in. A sign-in in progress is kept in memory for ten minutes under a
// random id (an HttpOnly cookie carries the id), so its verifier never leaves the service.
import { randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';

export interface OrcidSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export interface SignedInIdentity {
  orcid: string;
  name: string;
}

interface Attempt {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  expires: number;
}

const attemptMs = 10 * 60_000;
const maxAttempts = 10_000;
/** An ORCID iD: four groups of four digits, the last character a digit or X. */
const orcidPattern = /^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/;

/** The identity in an ID token's claims: the ORCID iD (sub) and the name ORCID gives. */
export function identityOf(claims: Record<string, unknown>): SignedInIdentity {
  const orcid = String(claims.sub ?? '').replace(/^https?:\/\/(sandbox\.)?orcid\.org\//, '');
  if (!orcidPattern.test(orcid)) throw new Error(`the provider's subject "${orcid.slice(0, 40)}" is not an ORCID iD`);
  const name = [claims.given_name, claims.family_name].filter((p): p is string => typeof p === 'string' && p.length > 0).join(' ') || (typeof claims.name === 'string' ? claims.name : orcid);
  return { orcid, name };
}

export class OrcidSignIn {
  private configuration: Promise<oidc.Configuration> | null = null;
  private readonly attempts = new Map<string, Attempt>();

  constructor(private readonly settings: OrcidSettings) {}

  private config(): Promise<oidc.Configuration> {
    // Plain http only for a provider on this machine (tests, development).
    const local = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(`${this.settings.issuer.replace(/\/?$/, '/')}`);
    this.configuration ??= oidc
      .discovery(new URL(this.settings.issuer), this.settings.clientId, this.settings.clientSecret, undefined, local ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        this.configuration = null;
        throw error;
      });
    return this.configuration;
  }

  /** Where to send the browser, and the id of this attempt (for the cookie). */
  async start(redirectUri: string, returnTo: string): Promise<{ url: string; attemptId: string }> {
    const config = await this.config();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const now = Date.now();
    for (const [id, attempt] of this.attempts) if (attempt.expires < now || this.attempts.size >= maxAttempts) this.attempts.delete(id);
    const attemptId = randomBytes(24).toString('base64url');
    this.attempts.set(attemptId, { state, nonce, verifier, returnTo, expires: now + attemptMs });
    return { url: url.href, attemptId };
  }

  /** The identity the provider vouches for, checking state, nonce and the PKCE verifier; the page to return to. */
  async finish(attemptId: string | undefined, callbackUrl: URL): Promise<SignedInIdentity & { returnTo: string }> {
    const attempt = attemptId ? this.attempts.get(attemptId) : undefined;
    if (attemptId) this.attempts.delete(attemptId);
    if (!attempt || attempt.expires < Date.now()) throw new Error('this sign-in was not started here, or took more than ten minutes');
    const tokens = await oidc.authorizationCodeGrant(await this.config(), callbackUrl, { pkceCodeVerifier: attempt.verifier, expectedState: attempt.state, expectedNonce: attempt.nonce, idTokenExpected: true });
    return { ...identityOf((tokens.claims() ?? {}) as Record<string, unknown>), returnTo: attempt.returnTo };
  }
}
