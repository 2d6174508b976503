/**
 * Security questions: which are asked, in which language, and how answers
 * are compared.
 */
import { expect } from '@open-wc/testing';
import { MOCK_CAPTCHA_TOKEN } from '../../src/mock/index.js';
import { ADELE, setup, start, passEmail, answersOf, fullWidth } from './support.js';

describe('mock backend: security questions', () => {
  async function questionsFlow() {
    const ctx = setup({ gatesRequired: 2 });
    await start(ctx.client, ADELE);
    await passEmail(ctx.server, ctx.client, ADELE);
    const challenge = await ctx.client.startChallenge('questions');
    return { ...ctx, challenge };
  }
  const answers = answersOf(ADELE);

  it('asks 2 distinct questions of adele’s, without their answers', async () => {
    const { challenge, server } = await questionsFlow();
    expect(challenge).to.include({ type: 'questions', methodId: 'questions', hint: '' });
    expect(challenge.codeLength).to.equal(undefined);
    expect(challenge.questions).to.have.length(2);
    const ids = challenge.questions!.map((q) => q.id);
    expect(new Set(ids).size).to.equal(2);
    for (const q of challenge.questions!) {
      expect([...answers.keys()]).to.include(q.id);
      expect(q.text).to.be.a('string').and.not.empty;
    }
    const json = JSON.stringify(challenge);
    for (const answer of answers.values()) expect(json).to.not.include(answer);
    // Nothing is sent for questions.
    expect(server.outbox.filter((m) => m.challengeId === challenge.challengeId)).to.have.length(0);
  });

  it('asks the questions in the flow’s language where it has them', async () => {
    const { client, server } = setup({ gatesRequired: 2 });
    await client.startFlow({ username: ADELE, captchaToken: MOCK_CAPTCHA_TOKEN, locale: 'es-MX' });
    await passEmail(server, client, ADELE);
    const challenge = await client.startChallenge('questions');
    for (const q of challenge.questions!) expect(q.text, q.id).to.match(/^¿.+\?$/);
  });

  const variants: Array<[string, (a: string) => string]> = [
    ['different case', (a) => a.toUpperCase()],
    ['extra spaces', (a) => `   ${a.replace(/ /g, '   ')}  \t`],
    ['full-width (NFKC-equivalent) characters', (a) => fullWidth(a)],
    ['all at once', (a) => ` ${fullWidth(a.toLowerCase()).replace(/\u3000/g, '\u3000 ')} `],
  ];
  for (const [name, transform] of variants) {
    it(`accepts answers with ${name}`, async () => {
      const { client, challenge } = await questionsFlow();
      const given = challenge.questions!.map((q) => ({ questionId: q.id, answer: transform(answers.get(q.id)!) }));
      expect(given.every((g, i) => g.answer !== answers.get(challenge.questions![i]!.id))).to.equal(true);
      expect(await client.verify(challenge.challengeId, { answers: given })).to.deep.equal({
        result: 'verified',
        attemptsRemaining: 4,
        gatesPassed: 2,
        next: 'password',
      });
    });
  }

  it('a wrong answer is rejected with replacement questions that can then be answered', async () => {
    const { client, challenge } = await questionsFlow();
    const [first, second] = challenge.questions!;
    const rejected = await client.verify(challenge.challengeId, {
      answers: [
        { questionId: first!.id, answer: answers.get(first!.id)! },
        { questionId: second!.id, answer: 'definitely not it' },
      ],
    });
    expect(rejected).to.include({ result: 'rejected', attemptsRemaining: 4, gatesPassed: 1 });
    expect(rejected.next).to.equal(undefined);
    expect(rejected.challenge).to.exist;
    expect(rejected.challenge).to.include({ challengeId: challenge.challengeId, type: 'questions' });
    expect(rejected.challenge!.questions).to.have.length(2);
    const replacement = rejected.challenge!.questions!;
    const ok = await client.verify(challenge.challengeId, {
      answers: replacement.map((q) => ({ questionId: q.id, answer: answers.get(q.id)! })),
    });
    expect(ok).to.include({ result: 'verified', next: 'password' });
  });

  it('answering only one of the two questions is not enough', async () => {
    const { client, challenge } = await questionsFlow();
    const q = challenge.questions![0]!;
    const result = await client.verify(challenge.challengeId, { answers: [{ questionId: q.id, answer: answers.get(q.id)! }] });
    expect(result.result).to.equal('rejected');
  });
});
