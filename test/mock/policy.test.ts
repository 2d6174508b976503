/**
 * The new password: policy, breached and recently used passwords, and the
 * reset that ends the flow.
 */
import { expect } from '@open-wc/testing';
import { DEFAULT_POLICY, type MockOptions } from '../../src/mock/index.js';
import { T0, SECOND, ADELE, setup, failure, send, expectProblem, start, passEmail } from './support.js';

async function ready(options: MockOptions = {}) {
  const ctx = setup(options);
  const flow = await start(ctx.client, ADELE);
  await passEmail(ctx.server, ctx.client, ADELE);
  return { ...ctx, flow };
}

describe('mock backend: new password', () => {
  it('rejects a password that is too short, with the limit (422, problem+json)', async () => {
    const { client, server, flow } = await ready();
    const error = await failure(client.resetPassword('Ab1!xyz'));
    expect(error.code).to.equal('password_rejected');
    expect(error.status).to.equal(422);
    expect(error.reasons).to.deep.include({ code: 'too_short', limit: 8 });
    const raw = await send(server, 'POST', '/v1/flows/current/password', { token: flow.flowToken, body: { newPassword: 'short' } });
    expectProblem(raw, 'password_rejected', 422);
    expect(raw.body!['reasons']).to.deep.include({ code: 'too_short', limit: 8 });
  });

  it('rejects a password containing the username (any case)', async () => {
    const { client } = await ready();
    for (const password of ['my-adele-Secret-9', 'XX-ADELE-xx-2026']) {
      const error = await failure(client.resetPassword(password));
      expect(error.code).to.equal('password_rejected');
      expect(error.reasons.map((r) => r.code)).to.deep.equal(['contains_username']);
    }
  });

  it('rejects a breached password (any case)', async () => {
    const { client } = await ready();
    for (const password of ['password123', 'PassWord123']) {
      const error = await failure(client.resetPassword(password));
      expect(error.code).to.equal('password_rejected');
      expect(error.reasons.map((r) => r.code)).to.deep.equal(['breached']);
    }
  });

  it('rejects her old password as recently used', async () => {
    const { client } = await ready({ passwordPolicy: { ...DEFAULT_POLICY, disallowUsername: false } });
    const error = await failure(client.resetPassword('Adele-Old-Passw0rd'));
    expect(error.code).to.equal('password_rejected');
    expect(error.status).to.equal(422);
    expect(error.reasons.map((r) => r.code)).to.deep.equal(['recently_used']);
  });

  it('refuses a password before the gates are passed', async () => {
    const { client, server } = setup({ gatesRequired: 2 });
    await start(client, ADELE);
    const none = await failure(client.resetPassword('Brand-New-Secret-42'));
    expect(none.status).to.be.within(400, 499);
    expect(none.code).to.not.equal('password_rejected');
    await passEmail(server, client, ADELE);
    const one = await failure(client.resetPassword('Brand-New-Secret-42'));
    expect(one.status).to.be.within(400, 499);
    expect(one.code).to.not.equal('password_rejected');
    expect(server.users.get(ADELE)!.password).to.equal('Adele-Old-Passw0rd');
    expect(server.outbox.filter((m) => /password was changed/.test(m.subject ?? ''))).to.have.length(0);
  });

  it('resets: notifies adele’s addresses, then the flow is gone', async () => {
    const { client, server, flow } = await ready();
    const before = server.outbox.length;
    const result = await client.resetPassword('Correct-Horse-Battery-9');
    expect(result).to.deep.equal({
      result: 'reset',
      notified: [
        { channel: 'email', hint: 'a•••@contoso.com' },
        { channel: 'email', hint: 'a•••@fabrikam.com' },
      ],
    });
    const sent = server.outbox.slice(before);
    expect(sent.map((m) => m.to).sort()).to.deep.equal(['adele.vance@fabrikam.com', 'adele@contoso.com']);
    for (const m of sent) {
      expect(m.channel).to.equal('email');
      expect(m.subject).to.match(/password was changed/i);
      expect(m.body).to.not.include('Correct-Horse-Battery-9');
    }
    expect(server.users.get(ADELE)!.password).to.equal('Correct-Horse-Battery-9');
    // The server forgot the flow...
    expectProblem(
      await send(server, 'POST', '/v1/flows/current/challenges', { token: flow.flowToken, body: { methodId: 'email' } }),
      'flow_expired',
      401,
    );
    expectProblem(
      await send(server, 'POST', '/v1/flows/current/password', { token: flow.flowToken, body: { newPassword: 'Another-Secret-77' } }),
      'flow_expired',
      401,
    );
    // ...and so did the client.
    expect((await failure(client.startChallenge('email'))).code).to.equal('flow_expired');
  });

  it('the new password joins the history', async () => {
    const { client, server, time } = await ready();
    await client.resetPassword('Correct-Horse-Battery-9');
    // The next email code waits for the cooldown.
    time.advance(30 * SECOND);
    await start(client, ADELE);
    await passEmail(server, client, ADELE);
    const error = await failure(client.resetPassword('Correct-Horse-Battery-9'));
    expect(error.reasons.map((r) => r.code)).to.deep.equal(['recently_used']);
  });

  it('a rejected password keeps the flow', async () => {
    const { client } = await ready();
    await failure(client.resetPassword('password123'));
    expect((await client.resetPassword('Correct-Horse-Battery-9')).result).to.equal('reset');
  });
});

describe('mock backend: policy within NIST SP 800-63B-4 and OWASP ASVS 5.0', () => {
  it('refuses a configuration outside the standards', () => {
    const bad: MockOptions[] = [
      { codeTtlMs: 10 * 60_000 + 1 },
      { passwordPolicy: { ...DEFAULT_POLICY, maxLength: 63 } },
      { passwordPolicy: { ...DEFAULT_POLICY, minLength: 7 } },
      { maxConsecutiveFailures: 101 },
    ];
    for (const options of bad) expect(() => setup(options), JSON.stringify(options)).to.throw(RangeError);
    expect(() => setup({ codeTtlMs: 10 * 60_000, passwordPolicy: { ...DEFAULT_POLICY, maxLength: 64 } })).to.not.throw();
  });

  it('defaults: no composition rules, 8 to 256 characters, 6-digit codes for 10 minutes', async () => {
    const { client } = setup();
    expect(DEFAULT_POLICY).to.deep.equal({ minLength: 8, maxLength: 256, minClasses: 0, disallowUsername: true });
    await start(client, ADELE);
    const challenge = await client.startChallenge('email');
    expect(challenge.codeLength).to.equal(6);
    expect(Date.parse(challenge.expiresAt)).to.equal(T0 + 10 * 60_000);
  });

  it('compares passwords in NFKC: the same password typed another way is recently used', async () => {
    const { client } = await ready({ passwordPolicy: { ...DEFAULT_POLICY, disallowUsername: false } });
    // Full-width letters and digits: NFKC maps them back to 'Adele-Old-Passw0rd'.
    const fullWidth = [...'Adele-Old-Passw0rd']
      .map((c) => (/[A-Za-z0-9]/.test(c) ? String.fromCodePoint(c.codePointAt(0)! + 0xfee0) : c))
      .join('');
    const error = await failure(client.resetPassword(fullWidth));
    expect(error.reasons.map((r) => r.code)).to.deep.equal(['recently_used']);
  });
});
