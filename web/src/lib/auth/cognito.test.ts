/** The PKCE challenge against RFC 7636's own example (appendix B). */
import { describe, expect, it } from 'vitest';
import { pkceChallenge } from './cognito.ts';

describe('pkceChallenge', () => {
  it("matches RFC 7636's S256 example", async () => {
    await expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).resolves.toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });
});
