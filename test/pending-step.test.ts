/**
 * A person on a slow network who presses Next before the later steps' code has arrived
 * (src/sspr-reset.ts, `preloadSteps`): the test runner holds those modules while this page
 * has the cookie below (web-test-runner.config.js, `holdLaterSteps`).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { mount } from './helpers.js';

// Before any widget is made: its later steps are fetched once the first field is painted.
document.cookie = 'sspr-hold-later-steps=1; path=/';
const release = () => fetch('/__release-later-steps');

describe('a later step whose code has not arrived', () => {
  after(async () => {
    document.cookie = 'sspr-hold-later-steps=; max-age=0; path=/';
    await release();
  });

  it('says it is loading, then shows the step and moves focus to it once its code is in', async () => {
    const { el, p } = await mount();
    expect(p.title()).to.equal('Get back into your account');
    await p.fillUserId('adele@contoso.com');
    await p.passCaptcha();
    (el.querySelector('button[type="submit"]') as HTMLButtonElement).click();

    await waitUntil(() => el.querySelector('[data-sspr-pending]'), 'no loading view while the step’s code is held');
    expect(p.title()).to.equal('Loading…');
    expect(p.status()).to.equal('Loading…');
    await expect(el).to.be.accessible();

    await release();
    await p.waitFor(() => p.title() === 'Verify your identity', 'the methods step never came once its code was in');
    expect(el.querySelector('[data-sspr-pending]')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('[part="title"]'), 'focus moves to the heading');
  });
});
