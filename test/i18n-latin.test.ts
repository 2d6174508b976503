/**
 * German, French, Italian, Dutch, Polish and Brazilian Portuguese, rendered: a whole reset by
 * email code in each, as a person would do it (the person finds fields and buttons by their
 * translated names), with what each step shows checked against the translation, an
 * accessibility pass on every step, and nothing sticking out of a narrow (320 px) widget:
 * these languages' words run longer than English ones ("Self-Service-Kennwortzurücksetzung").
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { SsprReset } from '../src/sspr-reset.js';
import { mount } from './helpers.js';

interface Case {
  locale: string;
  identify: string;
  methods: string;
  challenge: string;
  password: string;
  rulesIntro: string;
  done: string;
  notified: string;
  signIn: string;
}

const CASES: Case[] = [
  {
    locale: 'de',
    identify: 'Zurück zu Ihrem Konto',
    methods: 'Identität überprüfen',
    challenge: 'Prüfen Sie Ihre E-Mails',
    password: 'Neues Kennwort auswählen',
    rulesIntro: 'Ihr neues Kennwort muss:',
    done: 'Ihr Kennwort wurde zurückgesetzt',
    notified: 'E-Mail an a•••@fabrikam.com',
    signIn: 'Anmelden',
  },
  {
    locale: 'fr',
    identify: 'Récupérer l’accès à votre compte',
    methods: 'Vérifiez votre identité',
    challenge: 'Consultez vos e-mails',
    password: 'Choisissez un nouveau mot de passe',
    // The no-break space before the colon reads as a space in p.text(), which collapses white space.
    rulesIntro: 'Votre nouveau mot de passe doit :',
    done: 'Votre mot de passe a été réinitialisé',
    notified: 'E-mail à a•••@fabrikam.com',
    signIn: 'Se connecter',
  },
  {
    locale: 'it',
    identify: 'Recupera l’accesso al tuo account',
    methods: 'Verifica la tua identità',
    challenge: 'Controlla la posta elettronica',
    password: 'Scegli una nuova password',
    rulesIntro: 'La nuova password deve:',
    done: 'La password è stata reimpostata',
    notified: 'E-mail a a•••@fabrikam.com',
    signIn: 'Accedi',
  },
  {
    locale: 'nl',
    identify: 'Weer toegang tot je account',
    methods: 'Je identiteit verifiëren',
    challenge: 'Controleer je e-mail',
    password: 'Kies een nieuw wachtwoord',
    rulesIntro: 'Je nieuwe wachtwoord moet:',
    done: 'Je wachtwoord is opnieuw ingesteld',
    notified: 'E-mail naar a•••@fabrikam.com',
    signIn: 'Aanmelden',
  },
  {
    locale: 'pl',
    identify: 'Odzyskaj dostęp do konta',
    methods: 'Potwierdź swoją tożsamość',
    challenge: 'Sprawdź pocztę e-mail',
    password: 'Wybierz nowe hasło',
    rulesIntro: 'Nowe hasło musi:',
    done: 'Twoje hasło zostało zresetowane',
    notified: 'E-mail na adres a•••@fabrikam.com',
    signIn: 'Zaloguj się',
  },
  {
    locale: 'pt-BR',
    identify: 'Recupere o acesso à sua conta',
    methods: 'Verifique sua identidade',
    challenge: 'Verifique seu email',
    password: 'Escolha uma nova senha',
    rulesIntro: 'Sua nova senha deve:',
    done: 'Sua senha foi redefinida',
    notified: 'Email para a•••@fabrikam.com',
    signIn: 'Entrar',
  },
];

/**
 * Every rendered box of the widget (light-DOM form and shadow card) that reaches past the
 * widget's sides, or whose content runs out of it unclipped (a long word in a button).
 * Visually hidden text (1 px, clipped) is for screen readers and left out.
 */
function overflowing(el: SsprReset): string[] {
  const host = el.getBoundingClientRect();
  const all = [...el.querySelectorAll('*'), ...(el.shadowRoot?.querySelectorAll('*') ?? [])];
  return all
    .filter((e) => {
      const r = e.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) return false;
      const outside = r.left < host.left - 0.5 || r.right > host.right + 0.5;
      // (An inline box has no client width, CSSOM: only boxes of their own can spill.)
      const style = getComputedStyle(e);
      const spills = style.display !== 'inline' && style.overflowX === 'visible' && e.scrollWidth > e.clientWidth + 1;
      return outside || spills;
    })
    .map((e) => `<${e.localName} part="${e.getAttribute('part') ?? ''}"> ${JSON.stringify((e.textContent ?? '').trim().slice(0, 60))}`);
}

describe('localization: de, fr, it, nl, pl, pt-BR rendered', function () {
  // A whole reset with five accessibility passes, on a machine that may be busy.
  this.timeout(30_000);

  afterEach(async () => {
    // One locale per page: put English back for the next test.
    const { p } = await mount({}, { locale: 'en' });
    await waitUntil(() => p.title() === 'Get back into your account');
  });

  for (const c of CASES) {
    it(`${c.locale}: a reset by email code, every step translated, accessible and within 320 px`, async () => {
      const { el, p } = await mount({}, { locale: c.locale });
      el.style.inlineSize = '320px';
      await waitUntil(() => p.title() === c.identify, `${c.locale} never rendered (title: "${p.title()}")`);
      expect(el.getAttribute('lang')).to.equal(c.locale);
      expect(el.getAttribute('dir')).to.equal('ltr');

      const check = async (title: string) => {
        expect(p.title()).to.equal(title);
        const over = overflowing(el);
        expect(over, `${c.locale} "${title}": boxes past the widget's sides: ${over.join('; ')}`).to.deep.equal([]);
        await expect(el).to.be.accessible();
      };

      await check(c.identify);
      await p.identify('adele@contoso.com');
      await check(c.methods);
      await p.chooseMethod('email');
      await check(c.challenge);
      expect(p.text()).to.contain('a•••@fabrikam.com');
      await p.enterCode(p.codeSent('email'));
      await check(c.password);
      await p.typePassword('short');
      expect(p.text()).to.contain(c.rulesIntro);
      await p.resetPassword('Correct-Horse-9');
      await check(c.done);
      expect(p.text()).to.contain(c.notified);
      expect(p.link(c.signIn).getAttribute('href')).to.equal('/signin');
    });
  }
});
