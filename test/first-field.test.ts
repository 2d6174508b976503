/**
 * The first field without waiting (issue 14): the user ID field is there from
 * the element's first update, while `GET /v1/config` is still on its way;
 * what needs the config fills in when it arrives, and a failed config says so
 * without losing what the person typed.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../src/define.js';
import type { ResetBackend } from '../src/protocol/backend.js';
import type { ConfigResponse } from '../src/protocol/schemas.js';
import type { SsprReset } from '../src/sspr-reset.js';
import { CONFIG, FLOW } from './fixtures.js';
import { person } from './person.js';

/** A backend whose config answers after `ms` (or fails), recording when it answered. */
function slowConfig(ms: number, fail = false) {
  const log = { answered: false, started: 0 };
  const backend = {
    getConfig: () => {
      log.started += 1;
      return new Promise<ConfigResponse>((resolve, reject) =>
        setTimeout(() => {
          log.answered = true;
          if (fail) reject(new TypeError('Failed to fetch'));
          else resolve(CONFIG);
        }, ms),
      );
    },
    startFlow: () => Promise.resolve(FLOW),
  } as unknown as ResetBackend;
  return { backend, log };
}

describe('issue 14: the first field before the config answers', () => {
  it('with a config that answers after 300 ms, the user ID field is in the DOM first, and typing survives its arrival', async () => {
    const { backend, log } = slowConfig(300);
    const el = await fixture<SsprReset>(html`<sspr-reset .backend=${backend} locale="en"></sspr-reset>`);
    const p = person(el);
    // The field is there from the first update: before the wire (the HTTP client, zod) has even
    // loaded, so before the config was asked for, or at the same time.
    const input = p.field('User ID');
    await waitUntil(() => log.started === 1, 'the config was never asked for', { timeout: 3000 });
    expect(log.answered, 'the config has not answered yet').to.equal(false);
    expect(p.field('User ID'), 'the same field is still there').to.equal(input);
    expect(input.autocomplete).to.equal('username');
    expect(p.title()).to.equal('Get back into your account');
    // The person starts typing at once.
    input.focus();
    input.value = 'adele@contoso.com';
    expect(p.button('Next').getAttribute('aria-disabled'), 'Next waits for the config').to.equal('true');
    expect(p.status()).to.contain('Loading…');
    await waitUntil(() => el.step === 'identify', 'the config never arrived', { timeout: 3000 });
    await el.updateComplete;
    expect(p.field('User ID')).to.equal(input);
    expect(input.value).to.equal('adele@contoso.com');
    expect(document.activeElement, 'focus stays where the person types').to.equal(input);
    expect(p.button('Next').getAttribute('aria-disabled')).to.equal('false');
    // The config's captcha (mock) is there now.
    expect(p.field('I’m not a robot')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('a config that fails says so above the form, keeps what was typed, and Try again loads it', async () => {
    const { backend, log } = slowConfig(50, true);
    const el = await fixture<SsprReset>(html`<sspr-reset .backend=${backend} locale="en"></sspr-reset>`);
    const p = person(el);
    p.field('User ID').value = 'adele@contoso.com';
    await waitUntil(() => p.error().includes('couldn’t reach the server'), 'the failure was never shown');
    expect(p.field('User ID').value).to.equal('adele@contoso.com');
    expect(p.button('Next').getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible();
    p.button('Try again').click();
    await waitUntil(() => log.started === 2, 'Try again asked for nothing');
  });
});
