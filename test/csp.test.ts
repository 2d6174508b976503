/**
 * Runs in a page with a strict Content-Security-Policy and Trusted Types
 * enforced (see the "csp" group in web-test-runner.config.js): no inline
 * script or style, no eval, and DOM sinks only through Lit's policy.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { mount } from './helpers.js';

/** Every violation since the page began (test/csp-recorder.js runs before any module). */
const violations = (window as unknown as { __cspViolations: string[] }).__cspViolations;

describe('under a strict CSP with Trusted Types', () => {
  it('loading the widget, the client and the mock causes no violation', () => {
    expect(violations).to.deep.equal([]);
  });

  it('the page really enforces the policy', async () => {
    expect(() => {
      eval('1');
    }).to.throw();
    expect(() => {
      document.createElement('div').innerHTML = '<b>x</b>';
    }).to.throw(TypeError);
    await new Promise((r) => setTimeout(r, 50));
    expect(violations.length).to.be.greaterThan(0, 'violations are observed');
    violations.length = 0;
  });

  it('resets a password without a single violation', async () => {
    const { el, p } = await mount();
    await p.identify('adele@contoso.com');
    await p.chooseMethod(/Email my alternate/);
    await p.enterCode(p.codeSent('email'));
    await p.resetPassword('Correct-Horse-9');
    await waitUntil(() => el.step === 'done');
    expect(p.title()).to.equal('Your password has been reset');
    // Violation reports are dispatched as tasks: let them arrive.
    await new Promise((r) => setTimeout(r, 50));
    expect(violations).to.deep.equal([]);
  });
});
