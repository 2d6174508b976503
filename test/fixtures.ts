/** Protocol v1 documents shared by the tests that need a valid example. */
import type { ConfigResponse, PasswordPolicy } from '../src/protocol/schemas.js';

export const POLICY: PasswordPolicy = { minLength: 8, maxLength: 256, minClasses: 0, disallowUsername: true };

export const CONFIG: ConfigResponse = {
  protocol: 1,
  captcha: { provider: 'mock', siteKey: 'k' },
  passwordPolicy: POLICY,
  methods: ['email', 'app-code'],
  gatesRequired: 1,
  brandName: 'Contoso',
};
