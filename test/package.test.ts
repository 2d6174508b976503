/**
 * The published library entries (dist/sspr-reset.js, dist/protocol.js,
 * dist/mock.js) as an app's bundler would use them: lit and zod come from the
 * app, the widget's own code from dist. Needs `npm run build` (npm test runs it first).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';

const load = (path: string) => import(/* @vite-ignore */ new URL(path, import.meta.url).href);

describe('published entries', () => {
  it('sspr-reset, sspr-reset/protocol and sspr-reset/mock work together', async () => {
    const entry = await load('../dist/sspr-reset.js');
    const protocol = await load('../dist/protocol.js');
    const mock = await load('../dist/mock.js');
    expect(customElements.get('sspr-reset')).to.equal(entry.SsprReset);
    expect(protocol.PROBLEM_CODES).to.include('locked_out');
    expect(new protocol.ResetError('timeout')).to.be.instanceOf(Error);

    const { server, backend } = mock.createMockBackend();
    expect(backend).to.be.instanceOf(protocol.HttpResetClient);
    const el = await fixture<HTMLElement & { step: string }>(html`<sspr-reset .backend=${backend} locale="en"></sspr-reset>`);
    await waitUntil(() => el.step === 'identify', 'never reached identify');
    const user = el.querySelector<HTMLInputElement>('input[autocomplete="username"]')!;
    user.value = 'adele@contoso.com';
    el.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    el.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => el.step === 'methods', 'never reached methods');
    expect(server.outbox).to.have.length(0);
  });
});
