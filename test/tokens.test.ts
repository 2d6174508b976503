/**
 * Design tokens: every public `--sspr-*` token the styles read is documented
 * (the manifest's cssProperties) and every documented one is read; every
 * private `--_*` property is defined where it is used and used where it is
 * defined; and each token, set on the element, changes what a person sees.
 */
import { expect } from '@open-wc/testing';
import { formStyles, hostStyles } from '../src/sspr-reset.styles.js';
import type { SsprReset } from '../src/sspr-reset.js';
import { mount } from './helpers.js';

const cssText = [...hostStyles.map((s) => s.cssText), formStyles.cssText].join('\n');
const names = (re: RegExp) => new Set([...cssText.matchAll(re)].map((m) => m[1]!));

async function documentedTokens(): Promise<string[]> {
  const manifest = (await (await fetch('/custom-elements.json')).json()) as {
    modules: Array<{ declarations?: Array<{ tagName?: string; cssProperties?: Array<{ name: string }> }> }>;
  };
  const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'sspr-reset');
  return (element?.cssProperties ?? []).map((p) => p.name);
}

describe('design tokens: defined, used, documented', () => {
  it('every private --_* property used is defined, and every one defined is used', () => {
    const defined = names(/(--_[\w-]+)\s*:/g);
    const used = names(/var\((--_[\w-]+)/g);
    expect(
      [...used].filter((n) => !defined.has(n)),
      'used but not defined',
    ).to.deep.equal([]);
    expect(
      [...defined].filter((n) => !used.has(n)),
      'defined but not used',
    ).to.deep.equal([]);
    expect(defined.size).to.be.greaterThan(20);
  });

  it('the public --sspr-* tokens the styles read are the documented ones, each read once', async () => {
    const documented = await documentedTokens();
    const read = [...cssText.matchAll(/var\((--sspr-[\w-]+)/g)].map((m) => m[1]!);
    expect([...new Set(read)].sort()).to.deep.equal([...documented].sort());
    expect(read.length, 'a token read twice has two defaults to keep in step').to.equal(new Set(read).size);
  });

  it('covers the issue’s list: colors, type, radius, spacing, card, input height, button shape', async () => {
    const documented = await documentedTokens();
    for (const token of [
      '--sspr-color-surface',
      '--sspr-color-text',
      '--sspr-color-text-muted',
      '--sspr-color-border',
      '--sspr-color-primary',
      '--sspr-color-on-primary',
      '--sspr-color-danger',
      '--sspr-color-success',
      '--sspr-color-focus',
      '--sspr-font-family',
      '--sspr-font-size',
      '--sspr-font-weight-strong',
      '--sspr-radius',
      '--sspr-space',
      '--sspr-card-width',
      '--sspr-card-padding',
      '--sspr-card-shadow',
      '--sspr-card-border',
      '--sspr-input-height',
      '--sspr-button-radius',
    ]) {
      expect(documented, token).to.include(token);
    }
  });
});

/** What a token changes: the element (in the shadow root or the light DOM), a computed property, a value and what it computes to. */
interface Probe {
  token: string;
  value: string;
  target: (el: SsprReset) => Element;
  property: string;
  expected: string;
}

const shadow = (selector: string) => (el: SsprReset) => el.shadowRoot!.querySelector(selector)!;
const light = (selector: string) => (el: SsprReset) => el.querySelector(selector)!;
const color = 'rgb(1, 2, 3)';

const PROBES: Probe[] = [
  { token: '--sspr-font-family', value: 'monospace', target: light('[part~="label"]'), property: 'font-family', expected: 'monospace' },
  { token: '--sspr-font-size', value: '21px', target: light('[part~="form"]'), property: 'font-size', expected: '21px' },
  {
    token: '--sspr-font-size-small',
    value: '11px',
    target: light('[part~="policy"] [part~="text"], [part~="status"]'),
    property: 'font-size',
    expected: '11px',
  },
  { token: '--sspr-font-size-title', value: '31px', target: shadow('[part="title"]'), property: 'font-size', expected: '31px' },
  { token: '--sspr-font-weight-strong', value: '800', target: light('[part~="label"]'), property: 'font-weight', expected: '800' },
  { token: '--sspr-font-weight-title', value: '300', target: shadow('[part="title"]'), property: 'font-weight', expected: '300' },
  { token: '--sspr-color-surface', value: color, target: shadow('[part="card"]'), property: 'background-color', expected: color },
  { token: '--sspr-color-text', value: color, target: light('[part~="label"]'), property: 'color', expected: color },
  { token: '--sspr-color-text-muted', value: color, target: light('[part~="status"]'), property: 'color', expected: color },
  { token: '--sspr-color-border', value: color, target: light('[part~="input"]'), property: 'border-top-color', expected: color },
  { token: '--sspr-color-primary', value: color, target: light('[part~="button-primary"]'), property: 'background-color', expected: color },
  { token: '--sspr-color-on-primary', value: color, target: light('[part~="button-primary"]'), property: 'color', expected: color },
  { token: '--sspr-color-danger', value: color, target: light('[part~="error"]'), property: 'color', expected: color },
  { token: '--sspr-color-success', value: color, target: light('[part~="policy-rule-met"]'), property: 'color', expected: color },
  { token: '--sspr-color-focus', value: color, target: light('[part~="input"]:focus'), property: 'outline-color', expected: color },
  { token: '--sspr-radius', value: '7px', target: light('[part~="input"]'), property: 'border-top-left-radius', expected: '7px' },
  { token: '--sspr-space', value: '29px', target: light('[part~="field"]'), property: 'margin-bottom', expected: '29px' },
  { token: '--sspr-card-width', value: '301px', target: (el) => el, property: 'max-width', expected: '301px' },
  { token: '--sspr-card-padding', value: '13px', target: shadow('[part="card"]'), property: 'padding-top', expected: '13px' },
  {
    token: '--sspr-card-shadow',
    value: `0px 0px 9px ${color}`,
    target: shadow('[part="card"]'),
    property: 'box-shadow',
    expected: `${color} 0px 0px 9px 0px`,
  },
  {
    token: '--sspr-card-border',
    value: `3px solid ${color}`,
    target: shadow('[part="card"]'),
    property: 'border-top-width',
    expected: '3px',
  },
  { token: '--sspr-input-height', value: '51px', target: light('[part~="input"]'), property: 'min-height', expected: '51px' },
  {
    token: '--sspr-button-radius',
    value: '19px',
    target: light('[part~="button-primary"]'),
    property: 'border-top-left-radius',
    expected: '19px',
  },
];

describe('design tokens change what is drawn', function () {
  this.timeout(20_000);

  it('each documented token, set on the element, changes a computed style of the card or the form', async () => {
    const { el, p } = await mount();
    await p.identify('adele@contoso.com');
    await p.chooseMethod('email');
    await p.enterCode(p.codeSent('email'));
    // The password step, refused: rules met and not, an error, the main action and the quiet ones.
    await p.typePassword('Tulip-Garden-42', 'Tulip-Garden-4');
    await p.press('Reset password');
    expect(el.step).to.equal('password');
    el.querySelector<HTMLInputElement>('[part~="input"]')!.focus();

    const documented = await documentedTokens();
    expect(PROBES.map((probe) => probe.token).sort()).to.deep.equal([...documented].sort());
    const unchanged: string[] = [];
    for (const probe of PROBES) {
      const target = probe.target(el);
      expect(target, `${probe.token}: no element to probe`).to.exist;
      const before = getComputedStyle(target).getPropertyValue(probe.property);
      el.style.setProperty(probe.token, probe.value);
      const after = getComputedStyle(target).getPropertyValue(probe.property);
      el.style.removeProperty(probe.token);
      if (before === probe.expected || after !== probe.expected) unchanged.push(`${probe.token}: ${probe.property} ${before} → ${after}`);
    }
    expect(unchanged).to.deep.equal([]);
  });
});
