/**
 * The full reset with the ALTCHA captcha, in a page with the strict
 * Content-Security-Policy and Trusted Types enforced (see the CSP groups in
 * web-test-runner.config.js): `script-src 'self'`, `worker-src 'self'`,
 * `require-trusted-types-for 'script'`, `trusted-types lit-html sspr-reset`.
 * The provider's module loads lazily, its worker starts from a URL made by
 * the sspr-reset policy, and not one violation is reported.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../src/define.js';
import { captchaFor } from '../src/captcha/stand-in.js';
import type { SsprReset } from '../src/sspr-reset.js';
import { altchaBackend, capture, roleText, watchWorkers } from './captcha/support.js';

/** Every violation since the page began (test/csp-recorder.js runs before any module). */
const violations = (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [];
/** This file means something only in the CSP group's page; anywhere else it is skipped, visibly. */
const inCspPage = Array.isArray((window as unknown as { __cspViolations?: unknown }).__cspViolations);

const settled = () => new Promise((resolve) => setTimeout(resolve, 50));

/** The input a label names, in the widget's light DOM. */
function input(el: SsprReset, label: string | RegExp) {
  const found = [...el.querySelectorAll('label')].find((l) =>
    typeof label === 'string' ? l.textContent.trim() === label : label.test(l.textContent),
  );
  if (!found) throw new Error(`no field ${label}`);
  return (found.control ?? found.querySelector('input')) as HTMLInputElement;
}

function press(el: SsprReset, text: string) {
  const found = [...el.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent.trim() === text);
  if (!found) throw new Error(`no button ${text}`);
  found.click();
}

function type(field: HTMLInputElement, value: string) {
  field.value = value;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

(inCspPage ? describe : describe.skip)('ALTCHA under a strict CSP with Trusted Types', () => {
  it('loading the widget, the ALTCHA provider and the mock causes no violation', () => {
    expect(violations).to.deep.equal([]);
  });

  it('the page enforces Trusted Types for workers: a plain URL is refused', async function () {
    if (!('trustedTypes' in window)) this.skip();
    expect(() => new Worker('/src/captcha/altcha.worker.ts', { type: 'module' })).to.throw(TypeError);
    await settled();
    expect(violations.some((v) => v.startsWith('require-trusted-types-for'))).to.equal(true, violations.join('\n'));
    violations.length = 0;
  });

  it('a person passes the proof of work in a worker and resets their password, without a single violation', async () => {
    const { backend, server, fetchChallenge } = altchaBackend();
    const workers = watchWorkers();
    try {
      const warnings = await capture('warn', async () => {
        const captcha = captchaFor({ provider: 'altcha' }, { fetchChallenge });
        const el = await fixture<SsprReset>(html`<sspr-reset .backend=${backend} .captcha=${captcha} locale="en"></sspr-reset>`);
        await waitUntil(() => el.step === 'identify', 'identify step never showed');
        const container = el.querySelector<HTMLElement>('[data-sspr-captcha]')!;
        // The solve starts while the person types.
        await waitUntil(() => /^Verifying|^Verified/.test(roleText(container, 'status') ?? ''), 'the captcha did not start');
        type(input(el, 'User ID'), 'adele@contoso.com');
        await waitUntil(() => roleText(container, 'status') === 'Verified: you’re not a robot.', 'the proof of work never finished', {
          timeout: 20_000,
        });
        press(el, 'Next');
        await waitUntil(() => el.step === 'methods', `no flow started: ${el.textContent.replace(/\s+/g, ' ')}`);

        input(el, /Email my alternate/).click();
        await el.updateComplete;
        press(el, 'Continue');
        await waitUntil(() => el.step === 'challenge', 'no challenge');
        await waitUntil(() => server.lastMessage('adele@contoso.com', 'email')?.code, 'no email sent');
        type(input(el, 'Verification code'), server.lastMessage('adele@contoso.com', 'email')!.code!);
        press(el, 'Verify');
        await waitUntil(() => el.step === 'password', 'code not accepted');
        type(input(el, 'New password'), 'Correct-Horse-9');
        type(input(el, 'Confirm new password'), 'Correct-Horse-9');
        await el.updateComplete;
        press(el, 'Reset password');
        await waitUntil(() => el.step === 'done', 'password not reset');
      });
      expect(workers.urls).to.have.length(1, 'solved in a worker');
      expect(warnings).to.deep.equal([], 'no fallback to the page');
    } finally {
      workers.restore();
    }
    // Violation reports are dispatched as tasks: let them arrive.
    await settled();
    expect(violations).to.deep.equal([]);
  });
});
