import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { directionOf, negotiateLocale } from '../src/i18n/index.js';
import type { SsprReset } from '../src/sspr-reset.js';
import { mount } from './helpers.js';
import { person } from './person.js';

describe('localization', () => {
  afterEach(async () => {
    // One locale per page: put English back for the next test.
    const { p } = await mount({}, { locale: 'en' });
    await waitUntil(() => p.title() === 'Get back into your account');
  });

  it('negotiates the shipped locale from the candidates, in order', () => {
    expect(negotiateLocale(['es-MX', 'en'])).to.equal('es');
    expect(negotiateLocale(['ES'])).to.equal('es');
    expect(negotiateLocale([undefined, '', 'tlh', 'es_AR'])).to.equal('es');
    expect(negotiateLocale(['fr-CA', 'de'])).to.equal('fr');
    expect(negotiateLocale(['tlh', 'x-klingon'])).to.equal('en');
    expect(negotiateLocale([])).to.equal('en');
  });

  it('falls back as people expect: en-GB → en, pt-PT → pt-BR, Chinese by script', () => {
    expect(negotiateLocale(['en-GB'])).to.equal('en');
    expect(negotiateLocale(['pt-PT'])).to.equal('pt-BR');
    expect(negotiateLocale(['pt'])).to.equal('pt-BR');
    expect(negotiateLocale(['zh-TW'])).to.equal('zh-Hant');
    expect(negotiateLocale(['zh-HK'])).to.equal('zh-Hant');
    expect(negotiateLocale(['zh-MO'])).to.equal('zh-Hant');
    expect(negotiateLocale(['zh-Hant-CN'])).to.equal('zh-Hant');
    expect(negotiateLocale(['zh-CN'])).to.equal('zh-Hans');
    expect(negotiateLocale(['zh-SG'])).to.equal('zh-Hans');
    expect(negotiateLocale(['zh'])).to.equal('zh-Hans');
    expect(negotiateLocale(['zh-Hans-HK'])).to.equal('zh-Hans');
    expect(negotiateLocale(['he-IL', 'en'])).to.equal('he');
  });

  it('knows right-to-left languages', () => {
    expect(directionOf('ar-EG')).to.equal('rtl');
    expect(directionOf('he')).to.equal('rtl');
    expect(directionOf('es')).to.equal('ltr');
  });

  it('renders Spanish from the locale attribute, with lang on the element', async () => {
    const { el, p } = await mount({}, { locale: 'es-MX' });
    await waitUntil(() => p.title() === 'Recupera el acceso a tu cuenta', 'Spanish never rendered');
    expect(el.getAttribute('lang')).to.equal('es');
    expect(el.getAttribute('dir')).to.equal('ltr');
    expect(p.field('Id. de usuario')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('takes the nearest lang of the page when there is no locale attribute', async () => {
    const { backend } = await mount();
    const wrapper = await fixture(
      html`<div lang="es">
        <section><sspr-reset .backend=${backend}></sspr-reset></section>
      </div>`,
    );
    const el = wrapper.querySelector('sspr-reset') as SsprReset;
    await waitUntil(() => person(el).title() === 'Recupera el acceso a tu cuenta', 'the page’s lang was not used');
  });

  it('fetches a locale’s later words in parts, with the code that shows them, and shows every step in that language', async () => {
    // scripts/split-locales.mjs: the first step's words, then the wire's and the later steps'.
    const fetched = () =>
      performance
        .getEntriesByType('resource')
        .map((r) => /generated\/locales\/(de[.\w]*)\.ts/.exec(r.name)?.[1])
        .filter(Boolean)
        .sort();
    const { p } = await mount({}, { locale: 'de' });
    await waitUntil(() => p.title() === 'Zurück zu Ihrem Konto', `German never rendered: ${p.title()}`);
    await p.identify('adele@contoso.com');
    await p.waitFor(() => p.text().includes('Wählen Sie die Kontaktmethode'), `the methods step is not in German: ${p.text()}`);
    expect(fetched()).to.deep.equal(['de', 'de.steps', 'de.wire']);
  });

  it('follows a change of the locale attribute', async () => {
    const { el, p } = await mount({}, { locale: 'es' });
    await waitUntil(() => p.title() === 'Recupera el acceso a tu cuenta');
    el.locale = 'en';
    await waitUntil(() => p.title() === 'Get back into your account', 'did not switch back to English');
  });
});
