/**
 * What the mock sends: random one-time codes, and the SMS with its WebOTP line.
 */
import { expect } from '@open-wc/testing';
import { ADELE, setup, start } from './support.js';

describe('mock backend: code randomness', () => {
  it('20 challenges give 6-digit codes that are not all equal', async () => {
    // Limits on messages off: this is about the codes.
    const { client, server } = setup({ resendCooldownSeconds: 0, codesPerHour: 100, challengesPerFlow: 100 });
    await start(client, ADELE);
    for (let i = 0; i < 20; i++) await client.startChallenge(i % 2 ? 'email' : 'mobile-sms');
    const codes = server.outbox.map((m) => m.code!);
    expect(codes).to.have.length(20);
    for (const code of codes) expect(code).to.match(/^\d{6}$/);
    expect(new Set(codes).size).to.be.greaterThan(1);
  });

  it('draws the digits from crypto.getRandomValues, rejecting biased values', async () => {
    const { client, server } = setup();
    await start(client, ADELE);
    // Unbound on purpose: the test checks that this very function is back afterwards.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const original = crypto.getRandomValues;
    // Uint32 draws: first 0xffffffff (≥ the unbiased limit, must be drawn again), then 3,1,4,1,5,9.
    const draws = [0xffffffff, 3, 1, 4, 1, 5, 9];
    let uint32Calls = 0;
    crypto.getRandomValues = function <T extends ArrayBufferView | null>(array: T): T {
      if (array instanceof Uint32Array) {
        uint32Calls += 1;
        array[0] = draws.shift() ?? 0;
        return array;
      }
      return original.call(crypto, array as never) as T;
    };
    try {
      await client.startChallenge('email');
    } finally {
      delete (crypto as { getRandomValues?: unknown }).getRandomValues;
    }
    // eslint-disable-next-line @typescript-eslint/unbound-method
    expect(crypto.getRandomValues).to.equal(original);
    expect(uint32Calls).to.equal(7);
    expect(server.lastMessage(ADELE, 'email')!.code).to.equal('314159');
  });
});

describe('mock backend: SMS', () => {
  it('sends the code to the phone with a WebOTP line for the host', async () => {
    const { client, server } = setup();
    await start(client, ADELE);
    const challenge = await client.startChallenge('mobile-sms');
    expect(challenge).to.include({ type: 'mobile-sms', hint: '+1 ••• ••• ••34', codeLength: 6, resendAfter: 30 });
    const sms = server.lastMessage(ADELE, 'sms')!;
    expect(sms).to.include({ channel: 'sms', to: '+1 425 555 0134', challengeId: challenge.challengeId });
    expect(sms.code).to.match(/^\d{6}$/);
    expect(sms.body.endsWith(`@localhost #${sms.code}`)).to.equal(true, sms.body);
    expect(sms.body.split('\n').at(-1)).to.equal(`@localhost #${sms.code}`);
    expect((await client.verify(challenge.challengeId, { code: sms.code! })).result).to.equal('verified');
  });

  it('names the configured otpHost', async () => {
    const { client, server } = setup({ otpHost: 'id.contoso.com' });
    await start(client, ADELE);
    await client.startChallenge('mobile-sms');
    const sms = server.lastMessage(ADELE, 'sms')!;
    expect(sms.body.split('\n').at(-1)).to.equal(`@id.contoso.com #${sms.code}`);
  });
});
