import { expect } from '@open-wc/testing';
import { button, click, field, identify, mount, settle, title, type } from './helpers.js';

describe('smoke', () => {
  it('walks email path', async () => {
    const { el, server } = await mount();
    expect(title(el)).to.equal('Get back into your account');
    await identify(el, 'adele@contoso.com');
    expect(title(el)).to.equal('Verify your identity');
    el.querySelector<HTMLInputElement>('input[value="email"]')!.click();
    await click(el, button(el, 'Continue'));
    expect(title(el)).to.equal('Check your email');
    const code = server.lastMessage('adele@contoso.com', 'email')!.code!;
    type(field(el, 'Verification code'), code);
    await click(el, button(el, 'Verify'));
    await settle(el);
    expect(title(el)).to.equal('Choose a new password');
  });
});
