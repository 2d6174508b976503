/**
 * Every shipped locale, rendered (issue 12): a whole reset by email code in
 * each, as a person would do it (the person finds fields and buttons by their
 * names in that language, test/person.ts), where every step's heading and
 * every button must be translated (not the English source), with an
 * accessibility pass on each step. Right-to-left for Arabic and Hebrew, with
 * masked addresses kept left to right; a change of language in the middle
 * of a flow keeps what the person typed. (de, fr, it, nl, pl and pt-BR are
 * also walked with their exact wording, at 320 px, in test/i18n-latin.test.ts.)
 */
import { msg } from '@lit/localize';
import { expect, waitUntil } from '@open-wc/testing';
import { allLocales, sourceLocale } from '../src/generated/locale-codes.js';
import { getLocale } from '../src/i18n/index.js';
import type { SsprReset } from '../src/sspr-reset.js';
import { mount } from './helpers.js';

/** English of every heading and button the walk meets: each must read otherwise in another locale. */
const ENGLISH = [
  'Get back into your account',
  'Next',
  'Cancel',
  'Verify your identity',
  'Continue',
  'Check your email',
  'Verify',
  'Resend code',
  'Choose another method',
  'Choose a new password',
  'Show password',
  'Reset password',
  'Your password has been reset',
  'Sign in',
];

/** The names of the buttons shown (without what is aria-hidden: a countdown). */
function buttonNames(el: SsprReset): string[] {
  return [...el.querySelectorAll('button, a[href]')].map((b) => {
    const copy = b.cloneNode(true) as Element;
    copy.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
    return (b.getAttribute('aria-label') ?? copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

describe('localization: every shipped locale rendered', function () {
  this.timeout(40_000);

  afterEach(async () => {
    const { p } = await mount({}, { locale: 'en' });
    await waitUntil(() => p.title() === 'Get back into your account');
  });

  for (const locale of allLocales.filter((l) => l !== sourceLocale)) {
    it(`${locale}: every step translated and accessible, with the right direction`, async () => {
      const { el, p } = await mount({}, { locale });
      await waitUntil(() => getLocale() === locale && p.title() === msg('Get back into your account'), `${locale} never loaded`);
      expect(el.getAttribute('lang')).to.equal(locale);
      const rtl = locale === 'ar' || locale === 'he';
      expect(el.getAttribute('dir')).to.equal(rtl ? 'rtl' : 'ltr');
      expect(getComputedStyle(el).direction).to.equal(rtl ? 'rtl' : 'ltr');

      const check = async (step: string) => {
        const english = [p.title(), ...buttonNames(el)].filter((text) => ENGLISH.includes(text));
        expect(english, `${locale} ${step}: English left on screen`).to.deep.equal([]);
        await expect(el).to.be.accessible();
      };

      await check('identify');
      await p.identify('adele@contoso.com');
      await check('methods');
      // Masked addresses and numbers read left to right in any language.
      for (const hint of el.querySelectorAll('[part~="method-hint"]')) expect(getComputedStyle(hint).direction).to.equal('ltr');
      await p.chooseMethod('email');
      await check('challenge');
      expect(p.text()).to.contain('a•••@fabrikam.com');
      await p.enterCode(p.codeSent('email'));
      await check('password');
      await p.typePassword('short');
      // A count in the language's plural form, written with the language's digits.
      expect(p.text()).to.contain(new Intl.NumberFormat(locale).format(8));
      await p.resetPassword('Correct-Horse-9');
      await check('done');
    });
  }

  it('a change of language mid-flow re-renders the step in the new language and keeps what was typed', async () => {
    const { el, p } = await mount({}, { locale: 'en' });
    await p.identify('adele@contoso.com');
    await p.chooseMethod('email');
    await p.enterCode(p.codeSent('email'));
    await p.typePassword('Correct-Horse-9', 'Correct-Horse-');
    el.locale = 'fr';
    await waitUntil(() => p.title() === 'Choisissez un nouveau mot de passe', 'the step never switched to French');
    expect(p.field('Nouveau mot de passe').value).to.equal('Correct-Horse-9');
    expect(p.field(/Confirmer/).value).to.equal('Correct-Horse-');
    el.locale = 'ar';
    await waitUntil(() => el.getAttribute('dir') === 'rtl', 'Arabic never switched the direction');
    expect(p.title()).to.equal(msg('Choose a new password'));
    expect(p.field(msg('New password')).value).to.equal('Correct-Horse-9');
    await p.fill(msg('Confirm new password'), 'Correct-Horse-9');
    await p.press(msg('Reset password'));
    expect(el.step).to.equal('done');
  });
});
