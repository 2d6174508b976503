/**
 * What people receive, in their language: the mock writes its e-mails, texts,
 * call scripts, pushes and notices, and asks its security questions, in the
 * language of the flow's `locale`, picked as the widget picks its own.
 */
import { expect } from '@open-wc/testing';
import { MOCK_CAPTCHA_TOKEN, SEED_USERS, type MockOptions, type OutboxMessage, type SeedUser } from '../../src/mock/index.js';
import { loadMessages, MESSAGE_LANGUAGES, messagesFor, type Messages, type Plural } from '../../src/mock/messages/index.js';
import { allLocales } from '../../src/generated/locale-codes.js';
import { ADELE, ALEX, answersOf, emailChallenge, MEGAN, MINUTE, setup, wrong } from './support.js';

const NEW_PASSWORD = 'Correct-Horse-Battery-9';
/** Unicode isolates around a value inside right-to-left text. */
const isolated = (value: string) => `\u2068${value}\u2069`;

/** A flow in `locale` that is sent everything a person can be sent, then answers questions and resets. */
async function journey(locale: string, options: MockOptions = {}, username = ADELE) {
  const ctx = setup({ gatesRequired: 2, resendCooldownSeconds: 0, ...options });
  const { client, server } = ctx;
  await client.startFlow({ username, captchaToken: MOCK_CAPTCHA_TOKEN, locale });
  const last = (channel: OutboxMessage['channel']) => server.lastMessage(username, channel)!;
  await client.startChallenge('mobile-sms');
  const sms = last('sms');
  await client.startChallenge('mobile-call');
  const call = last('call');
  await client.startChallenge('app-notification');
  const push = last('push');
  const { challenge, code } = await emailChallenge(server, client, username);
  const email = last('email');
  expect((await client.verify(challenge.challengeId, { code })).result).to.equal('verified');
  const asked = await client.startChallenge('questions');
  const questions = asked.questions!;
  const answers = answersOf(username);
  const verified = await client.verify(asked.challengeId, {
    answers: questions.map((q) => ({ questionId: q.id, answer: answers.get(q.id)! })),
  });
  expect(verified.result, 'the answers as registered are right whatever the language of the questions').to.equal('verified');
  const before = server.outbox.length;
  await client.resetPassword(NEW_PASSWORD);
  const notices = server.outbox.slice(before);
  return { ...ctx, sms, call, push, email, code, questions, notices };
}

/** A flow in `locale` whose one wrong code locks the account's reset: the lock notice. */
async function lockNotice(locale: string, users?: readonly SeedUser[]) {
  const { client, server, time } = setup({ maxAttempts: 1, lockoutThreshold: 1, ...(users ? { users } : {}) });
  await client.startFlow({ username: ADELE, captchaToken: MOCK_CAPTCHA_TOKEN, locale });
  const { challenge, code } = await emailChallenge(server, client, ADELE);
  expect(await client.verify(challenge.challengeId, { code: wrong(code) })).to.include({ result: 'rejected' });
  expect(server.isLocked(ADELE)).to.equal(true);
  return { notice: server.outbox.at(-1)!, until: new Date(time.now() + 60 * MINUTE).toISOString() };
}

const slotsOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
const formsOf = (template: string | Plural) => (typeof template === 'string' ? { other: template } : template);

describe('mock backend: messages in the flow’s language', () => {
  it('French: the e-mail, text, call, push, questions and reset notice', async () => {
    const { email, sms, call, push, code, questions, notices } = await journey('fr');
    expect(email).to.include({
      lang: 'fr',
      subject: 'Code de réinitialisation du mot de passe de votre compte Contoso',
      body: `Utilisez le code de vérification ${code} pour réinitialiser le mot de passe de adele@contoso.com. Il expire dans 10 minutes.`,
    });
    expect(sms.body).to.equal(`${sms.code} est votre code de vérification Contoso.\n\n@localhost #${sms.code}`);
    expect(call.body).to.equal('Ici Contoso. Appuyez sur la touche dièse pour confirmer la réinitialisation de votre mot de passe.');
    expect(push.body).to.equal('Approuver la connexion de adele@contoso.com\u00a0? Entrez le nombre affiché pour approuver.');
    const french = new Map([
      ['q-city', 'Dans quelle ville votre mère est-elle née\u00a0?'],
      ['q-pet', 'Quel était le nom de votre premier animal de compagnie\u00a0?'],
      ['q-school', 'Quel était le nom de votre école primaire\u00a0?'],
      ['q-street', 'Dans quelle rue avez-vous grandi\u00a0?'],
    ]);
    expect(questions).to.have.length(2);
    for (const q of questions) expect(q.text, q.id).to.equal(french.get(q.id));
    expect(notices.map((m) => [m.to, m.lang, m.subject])).to.deep.equal([
      [ADELE, 'fr', 'Le mot de passe de votre compte Contoso a été modifié'],
      ['adele.vance@fabrikam.com', 'fr', 'Le mot de passe de votre compte Contoso a été modifié'],
    ]);
    expect(notices[0]!.body).to.equal(
      'Le mot de passe de adele@contoso.com a été réinitialisé. Si vous n’êtes pas à l’origine de ce changement, contactez immédiatement votre administrateur.',
    );
  });

  it('Arabic: right-to-left sentences with the code, the address and the count isolated left-to-right', async () => {
    const { email, sms, call, questions } = await journey('ar');
    expect(email.lang).to.equal('ar');
    expect(email.subject).to.equal(`رمز إعادة تعيين كلمة المرور لحسابك في ${isolated('Contoso')}`);
    expect(email.body).to.equal(
      `استخدم رمز التحقق ${isolated(email.code!)} لإعادة تعيين كلمة مرور الحساب ${isolated(ADELE)}. تنتهي صلاحية الرمز خلال ${isolated('10')} دقائق.`,
    );
    // The WebOTP line stays the plain last line the format requires.
    expect(sms.body).to.equal(`${isolated(sms.code!)} هو رمز التحقق الخاص بك في ${isolated('Contoso')}.\n\n@localhost #${sms.code}`);
    expect(call.body).to.equal(`هذه مكالمة من ${isolated('Contoso')}. اضغط على مفتاح المربع لتأكيد إعادة تعيين كلمة المرور.`);
    const arabic = ['في أي مدينة وُلدت والدتك؟', 'ما اسم أول حيوان أليف امتلكته؟', 'ما اسم مدرستك الابتدائية؟', 'في أي شارع نشأت؟'];
    for (const q of questions) expect(arabic, q.id).to.include(q.text);
  });

  it('Japanese: the e-mail, text and questions', async () => {
    const { email, sms, questions } = await journey('ja-JP');
    expect(email).to.include({
      lang: 'ja',
      subject: 'Contoso アカウントのパスワード リセット コード',
      body: `adele@contoso.com のパスワードをリセットするには、確認コード ${email.code} を使用してください。このコードの有効期限は 10 分です。`,
    });
    expect(sms.body).to.equal(`Contoso の確認コードは ${sms.code} です。\n\n@localhost #${sms.code}`);
    const japanese = [
      '母親が生まれた都市はどこですか?',
      '最初に飼ったペットの名前は何ですか?',
      '通っていた小学校の名前は何ですか?',
      '子どもの頃に住んでいた通りの名前は何ですか?',
    ];
    for (const q of questions) expect(japanese, q.id).to.include(q.text);
  });

  // The widget's own rules (src/i18n/index.ts): exact, Chinese by script, else the primary language, else English.
  const picks: Array<[locale: string, lang: string, sms: string]> = [
    ['pt-PT', 'pt-BR', 'é o seu código de verificação da Contoso.'],
    ['zh-TW', 'zh-Hant', '您的 Contoso 驗證碼為'],
    ['zh-HK', 'zh-Hant', '您的 Contoso 驗證碼為'],
    ['zh-CN', 'zh-Hans', '你的 Contoso 验证码为'],
    ['zh', 'zh-Hans', '你的 Contoso 验证码为'],
    ['es-MX', 'es', 'es tu código de verificación de Contoso.'],
    ['de_AT', 'de', 'ist Ihr Contoso-Überprüfungscode.'],
    ['en-GB', 'en', 'is your Contoso verification code.'],
    ['sv-SE', 'en', 'is your Contoso verification code.'],
    ['tlh', 'en', 'is your Contoso verification code.'],
  ];
  for (const [locale, lang, words] of picks) {
    it(`a flow in ${locale} is written to in ${lang}`, async () => {
      const { client, server } = setup();
      await client.startFlow({ username: ADELE, captchaToken: MOCK_CAPTCHA_TOKEN, locale });
      await client.startChallenge('mobile-sms');
      const sms = server.lastMessage(ADELE, 'sms')!;
      expect(sms.lang).to.equal(lang);
      expect(sms.body.split('\n')[0]).to.include(words).and.include(sms.code!);
    });
  }

  it('pt-PT and zh-TW get their questions in Brazilian Portuguese and Traditional Chinese; an unknown language in English', async () => {
    const pt = await journey('pt-PT');
    const portuguese = [
      'Em que cidade sua mãe nasceu?',
      'Qual era o nome do seu primeiro animal de estimação?',
      'Qual era o nome da sua escola de ensino fundamental?',
      'Em que rua você cresceu?',
    ];
    for (const q of pt.questions) expect(portuguese, q.id).to.include(q.text);
    const zh = await journey('zh-TW');
    const traditional = ['您的母親在哪個城市出生？', '您的第一隻寵物叫什麼名字？', '您就讀的小學叫什麼名字？', '您在哪條街長大？'];
    for (const q of zh.questions) expect(traditional, q.id).to.include(q.text);
    const unknown = await journey('tlh');
    const english = SEED_USERS[0]!.questions!.map((q) => q.text);
    for (const q of unknown.questions) expect(english, q.id).to.include(q.text);
    expect(unknown.email.body).to.equal(
      `Use verification code ${unknown.code} to reset the password of adele@contoso.com. It expires in 10 minutes.`,
    );
  });

  it('the code’s lifetime reads with the language’s plural forms', async () => {
    const expiry = async (locale: string, minutes: number) => {
      const { client, server } = setup({ codeTtlMs: minutes * MINUTE });
      await client.startFlow({ username: ADELE, captchaToken: MOCK_CAPTCHA_TOKEN, locale });
      await client.startChallenge('email');
      // The last sentence: how long the code lives.
      return server
        .lastMessage(ADELE, 'email')!
        .body.split(/(?<=\.)\s+/)
        .at(-1);
    };
    expect(await expiry('en', 1)).to.equal('It expires in 1 minute.');
    expect(await expiry('fr', 1)).to.equal('Il expire dans 1 minute.');
    expect(await expiry('pl', 1)).to.equal('Kod wygaśnie za 1 minutę.');
    expect(await expiry('pl', 3)).to.equal('Kod wygaśnie za 3 minuty.');
    expect(await expiry('pl', 5)).to.equal('Kod wygaśnie za 5 minut.');
    expect(await expiry('ar', 1)).to.equal('تنتهي صلاحية الرمز خلال دقيقة واحدة.');
    expect(await expiry('ar', 2)).to.equal('تنتهي صلاحية الرمز خلال دقيقتين.');
    expect(await expiry('he', 2)).to.equal('תוקף הקוד יפוג בעוד שתי דקות.');
    expect(await expiry('he', 5)).to.equal(`תוקף הקוד יפוג בעוד ${isolated('5')} דקות.`);
  });

  it('the lock notice is in the flow’s language, or in the account’s own where the directory has one', async () => {
    const fr = await lockNotice('fr-CA');
    expect(fr.notice).to.include({
      to: ADELE,
      lang: 'fr',
      subject: 'La réinitialisation du mot de passe de votre compte Contoso est bloquée',
    });
    expect(fr.notice.body).to.include(`bloquée jusqu’à ${fr.until}.`);
    // Someone else may have caused the lock: a person who reads German is told in German.
    const users = SEED_USERS.map((u) => (u.username === ADELE ? { ...u, locale: 'de-DE' } : u));
    const de = await lockNotice('fr', users);
    expect(de.notice).to.include({ lang: 'de', subject: 'Das Zurücksetzen des Kennworts für Ihr Contoso-Konto ist gesperrt' });
    expect(de.notice.body).to.include(`für adele@contoso.com bis ${de.until} gesperrt.`);
  });

  it('codes follow the flow, notices the account’s language; other administrators are told in theirs, else English', async () => {
    const users = SEED_USERS.map((u) =>
      u.username === ALEX ? { ...u, locale: 'ko' } : u.username === 'nestor@contoso.com' ? { ...u, locale: 'he' } : u,
    );
    const { client, server } = setup({ users, gatesRequired: 2 });
    await client.startFlow({ username: ALEX, captchaToken: MOCK_CAPTCHA_TOKEN, locale: 'it' });
    for (const type of ['email', 'mobile-sms'] as const) {
      const challenge = await client.startChallenge(type);
      const sent = server.lastMessage(ALEX, type === 'email' ? 'email' : 'sms')!;
      expect(sent.lang, type).to.equal('it');
      await client.verify(challenge.challengeId, { code: sent.code! });
    }
    const before = server.outbox.length;
    await client.resetPassword(NEW_PASSWORD);
    const notices = server.outbox.slice(before);
    expect(notices.map((m) => [m.to, m.lang, m.subject])).to.deep.equal([
      [ALEX, 'ko', 'Contoso 암호가 변경되었습니다'],
      ['alex.wilber@fabrikam.com', 'ko', 'Contoso 암호가 변경되었습니다'],
      ['nestor@contoso.com', 'he', 'הסיסמה של מנהל מערכת אופסה'],
    ]);
    expect(notices[2]!.body).to.equal(`הסיסמה של ${isolated('Alex Wilber')} (${isolated(ALEX)}) אופסה באמצעות איפוס סיסמה בשירות עצמי.`);
    // Without a language of their own, administrators read English, whatever the flow's.
    const plain = setup({ gatesRequired: 2 });
    await plain.client.startFlow({ username: ALEX, captchaToken: MOCK_CAPTCHA_TOKEN, locale: 'it' });
    for (const type of ['email', 'mobile-sms'] as const) {
      const challenge = await plain.client.startChallenge(type);
      const sent = plain.server.lastMessage(ALEX, type === 'email' ? 'email' : 'sms')!;
      await plain.client.verify(challenge.challengeId, { code: sent.code! });
    }
    await plain.client.resetPassword(NEW_PASSWORD);
    expect(plain.server.lastMessage('nestor@contoso.com')).to.include({
      lang: 'en',
      subject: 'An administrator reset their password',
      body: 'Alex Wilber (alex@contoso.com) reset their password with self-service password reset.',
    });
  });

  it('answers are compared as registered: Megan’s Spanish answers pass questions asked in Japanese', async () => {
    const { client, server } = setup({ gatesRequired: 2 });
    await client.startFlow({ username: MEGAN, captchaToken: MOCK_CAPTCHA_TOKEN, locale: 'ja' });
    const { challenge, code } = await emailChallenge(server, client, MEGAN);
    await client.verify(challenge.challengeId, { code });
    const asked = await client.startChallenge('questions');
    const japanese = messagesFor('ja').table.questions;
    for (const q of asked.questions!) expect(q.text, q.id).to.equal(japanese[q.id as keyof Messages['questions']]);
    const answers = answersOf(MEGAN);
    const given = asked.questions!.map((q) => ({ questionId: q.id, answer: answers.get(q.id)! }));
    expect(given.map((g) => g.answer).every((a) => ['Málaga', 'Luna', 'San José', 'Calle Mayor'].includes(a))).to.equal(true);
    expect(await client.verify(asked.challengeId, { answers: given })).to.include({ result: 'verified', next: 'password' });
  });

  it('a question of the directory’s own is asked in its translation, else as registered', async () => {
    const adele = SEED_USERS.find((u) => u.username === ADELE)!;
    const questions = [
      {
        id: 'q-colour',
        text: 'What is your favourite colour?',
        translations: { fr: 'Quelle est votre couleur préférée\u00a0?' },
        answer: 'Blue',
      },
      // A stock id with other words is not the stock question: never given the stock translation.
      { id: 'q-city', text: 'In what city did you first work?', answer: 'Lyon' },
    ];
    const { client, server } = setup({ users: [{ ...adele, questions }], gatesRequired: 2, questionsRequired: 2 });
    await client.startFlow({ username: ADELE, captchaToken: MOCK_CAPTCHA_TOKEN, locale: 'fr-BE' });
    const { challenge, code } = await emailChallenge(server, client, ADELE);
    await client.verify(challenge.challengeId, { code });
    const asked = await client.startChallenge('questions');
    expect(Object.fromEntries(asked.questions!.map((q) => [q.id, q.text]))).to.deep.equal({
      'q-colour': 'Quelle est votre couleur préférée\u00a0?',
      'q-city': 'In what city did you first work?',
    });
  });
});

describe('mock backend: every shipped language has every message', () => {
  it('ships a table for each of the widget’s locales', () => {
    expect([...MESSAGE_LANGUAGES].sort()).to.deep.equal([...allLocales].sort());
  });

  it('each table has every message, each plural form the counts 1–10 take, and English’s slots', async () => {
    await Promise.all(MESSAGE_LANGUAGES.map(loadMessages));
    const english = messagesFor('en').table;
    const keys = Object.keys(english).sort();
    for (const lang of MESSAGE_LANGUAGES) {
      const { lang: got, table } = messagesFor(lang);
      expect(got, `${lang} loaded`).to.equal(lang);
      expect(Object.keys(table).sort(), lang).to.deep.equal(keys);
      expect(Object.keys(table.questions).sort(), `${lang} questions`).to.deep.equal(Object.keys(english.questions).sort());
      const rules = new Intl.PluralRules(lang);
      for (const key of keys.filter((k) => k !== 'questions') as Array<Exclude<keyof Messages, 'questions'>>) {
        const forms = formsOf(table[key]);
        const needed = slotsOf(formsOf(english[key]).other);
        for (let n = 1; n <= 10; n++) {
          if (typeof table[key] !== 'string') expect(forms, `${lang} ${key}: the form of ${n}`).to.have.property(rules.select(n));
        }
        for (const [category, text] of Object.entries(forms)) {
          const where = `${lang} ${key} (${category})`;
          expect(text.trim(), where).to.not.equal('');
          const slots = slotsOf(text);
          expect(
            slots.filter((s) => !needed.includes(s)),
            `${where}: slots English lacks`,
          ).to.deep.equal([]);
          // One and two may write the count as a word (Arabic دقيقتين); every other slot is in every form.
          const optional = category === 'one' || category === 'two' ? ['minutes'] : [];
          expect(
            needed.filter((s) => !slots.includes(s) && !optional.includes(s)),
            `${where}: missing slots`,
          ).to.deep.equal([]);
          if (lang !== 'en') expect(text, `${where} is translated`).to.not.equal(formsOf(english[key])[category as 'other']);
        }
      }
      for (const [id, text] of Object.entries(table.questions)) {
        if (lang !== 'en') expect(text, `${lang} ${id} is translated`).to.not.equal(english.questions[id as keyof Messages['questions']]);
      }
    }
  });

  for (const lang of ['en', 'es', 'fr', 'de', 'it', 'pt-BR', 'nl', 'pl', 'ja', 'ko', 'zh-Hans', 'zh-Hant', 'ar', 'he']) {
    it(`${lang}: everything sent in a whole journey is in ${lang}, with every slot filled`, async () => {
      const lock = await lockNotice(lang);
      const { email, sms, call, push, questions, notices, code } = await journey(lang);
      const sent = [email, sms, call, push, ...notices, lock.notice];
      for (const m of sent) {
        expect(m.lang, `${m.channel} to ${m.to}`).to.equal(lang);
        expect(`${m.subject ?? ''} ${m.body}`, `${m.channel} to ${m.to}`).to.not.match(/[{}]/);
      }
      expect(email.body).to.include(code);
      expect(sms.body.split('\n')[0]).to.include(sms.code!);
      expect(notices.every((m) => m.body.includes(ADELE))).to.equal(true);
      expect(lock.notice.body).to.include(lock.until);
      const { table } = messagesFor(lang);
      for (const q of questions) expect(q.text).to.equal(table.questions[q.id as keyof Messages['questions']]);
    });
  }
});
