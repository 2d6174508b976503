import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing, render, type PropertyValues } from 'lit';
import { MockCaptcha } from './captcha/mock.js';
import type { CaptchaProvider } from './captcha/types.js';
import { ResetController } from './controller.js';
import { checkPassword } from './flow/password.js';
import type { FlowEvent, FlowState, StepName } from './flow/reducer.js';
import { directionOf, getLocale, negotiateLocale, useLocale } from './i18n/index.js';
import type { ResetBackend } from './protocol/backend.js';
import type { ResetErrorCode } from './protocol/errors.js';
import { HttpResetClient } from './protocol/http-client.js';
import type { Notified } from './protocol/schemas.js';
import { challengeStep } from './steps/challenge.js';
import { blockedStep, doneStep } from './steps/done.js';
import { identifyStep, loadingStep } from './steps/identify.js';
import { methodsStep } from './steps/methods.js';
import { passwordStep } from './steps/password.js';
import type { StepActions, StepView, ViewContext } from './steps/view.js';
import { formStyles, hostStyles } from './sspr-reset.styles.js';

/** Detail of `sspr-step`. */
export interface SsprStepDetail {
  step: StepName;
}
/** Detail of `sspr-error`: the problem code only, never a message or a secret. */
export interface SsprErrorDetail {
  code: ResetErrorCode;
}
/** Detail of `sspr-complete`: the channels notified of the change (no addresses). */
export interface SsprCompleteDetail {
  notified: Array<Notified['channel']>;
}

let instances = 0;
/** The light-DOM form's sheet, made on first connection: module scope must run where there is no DOM (SSR). */
let formSheet: CSSStyleSheet | undefined;
function sharedFormSheet(): CSSStyleSheet {
  if (!formSheet) {
    formSheet = new CSSStyleSheet();
    formSheet.replaceSync(formStyles.cssText);
  }
  return formSheet;
}

/**
 * Self-service password reset in one element: verification, one or two
 * authentication gates, a new password and a done screen, against any
 * backend that speaks the sspr-reset HTTP protocol v1.
 *
 * The card's chrome (logo, title, progress) lives in the shadow root; the
 * form (labels, inputs, errors, buttons) is rendered into the element's light
 * DOM and slotted in, so password managers and autofill see its inputs.
 * Style the chrome with `::part()`, the form with `sspr-reset [part~="…"]`,
 * and both with the `--sspr-*` tokens.
 *
 * @summary Self-service password reset wizard (Entra SSPR style).
 * @tagname sspr-reset
 *
 * @slot logo - Your logo, shown at the top of the card (e.g. `<img slot="logo" alt="Contoso">`).
 *
 * @csspart card - The card around everything.
 * @csspart header - The row with the logo and brand name.
 * @csspart brand-name - The brand name text, when `brand-name` is set.
 * @csspart progress - "Verification 1 of 2", during two-gate verification.
 * @csspart title - The step's heading (focused when a step begins).
 * @csspart form - (light DOM) The step's form.
 * @csspart field - (light DOM) A label with its input.
 * @csspart label - (light DOM) A field's label.
 * @csspart input - (light DOM) A text, email or password input.
 * @csspart hint - (light DOM) Help text under a field.
 * @csspart error - (light DOM) The announced error message.
 * @csspart status - (light DOM) The announced progress message.
 * @csspart button - (light DOM) Every button.
 * @csspart button-primary - (light DOM) The main action of a step.
 * @csspart button-secondary - (light DOM) Other actions.
 * @csspart captcha - (light DOM) The container the captcha renders into.
 * @csspart policy - (light DOM) The password rules with their live state.
 * @csspart number-match - (light DOM) The number to type in the authenticator app.
 *
 * @cssproperty --sspr-font-family - Font stack. Default Segoe UI, system-ui.
 * @cssproperty --sspr-font-size - Base font size. Default 15px.
 * @cssproperty --sspr-color-surface - Card background.
 * @cssproperty --sspr-color-text - Text color.
 * @cssproperty --sspr-color-text-muted - Secondary text color.
 * @cssproperty --sspr-color-border - Input and secondary button borders.
 * @cssproperty --sspr-color-primary - Primary button and accents.
 * @cssproperty --sspr-color-on-primary - Text on the primary color.
 * @cssproperty --sspr-color-error - Error text and invalid borders.
 * @cssproperty --sspr-color-success - Success text and met rules.
 * @cssproperty --sspr-color-focus - Focus ring.
 * @cssproperty --sspr-radius - Corner radius of card, inputs and buttons.
 * @cssproperty --sspr-space - Base spacing unit. Default 16px.
 * @cssproperty --sspr-card-width - Maximum width. Default 440px.
 * @cssproperty --sspr-card-shadow - Card shadow.
 *
 * @fires {CustomEvent<SsprStepDetail>} sspr-step - A new step began: `identify`, `methods`, `challenge`, `password`, `done`, `blocked`.
 * @fires {CustomEvent<SsprErrorDetail>} sspr-error - A request failed; detail carries the problem code only.
 * @fires {CustomEvent<SsprCompleteDetail>} sspr-complete - The password was reset; detail lists the channels notified.
 * @fires {CustomEvent<Record<string, never>>} sspr-cancel - The person cancelled; the host may close the widget.
 */
export class SsprReset extends LitElement {
  static override styles = hostStyles;

  static override properties = {
    apiBase: { type: String, attribute: 'api-base' },
    locale: { type: String },
    username: { type: String },
    signInHref: { type: String, attribute: 'sign-in-href' },
    brandName: { type: String, attribute: 'brand-name' },
    backend: { attribute: false },
    captcha: { attribute: false },
  };

  /** Base URL of a protocol v1 backend, e.g. `/api/sspr`. Ignored when `backend` is set. */
  declare apiBase: string | undefined;
  /** BCP 47 locale to use (`es`, `es-MX`); else the nearest `lang`, else the browser's languages. */
  declare locale: string | undefined;
  /** Prefills the user ID; a change applies until a flow starts. */
  declare username: string | undefined;
  /** Where the done screen's "Sign in" link goes. */
  declare signInHref: string | undefined;
  /** Name shown beside the logo; default the backend config's `brandName`. */
  declare brandName: string | undefined;
  /** A `ResetBackend` to talk to; wins over `api-base`. */
  declare backend: ResetBackend | undefined;
  /** A captcha provider; default: the mock captcha when the backend's config names `mock`. */
  declare captcha: CaptchaProvider | undefined;

  readonly #controller: ResetController;
  readonly #idPrefix = `sspr-${++instances}`;
  readonly #formRoot = createFormRoot();
  #client: HttpResetClient | undefined;
  #view: StepView | undefined;
  #focusTitle = false;
  #draft = { password: '', confirm: '', touched: false };
  #mockCaptcha: MockCaptcha | undefined;
  #otpAbort: AbortController | undefined;

  constructor() {
    super();
    this.#controller = new ResetController(this, () => this.#backend(), (prev, next, event) => this.#transition(prev, next, event));
    updateWhenLocaleChanges(this);
  }

  /** The current step, for hosts and tests. */
  get step(): StepName {
    return this.#controller.state.step;
  }

  /** Abandon any flow and start over at the first step. */
  restart() {
    void this.#controller.cancel();
  }

  override connectedCallback() {
    super.connectedCallback();
    const root = this.getRootNode() as Document | ShadowRoot;
    const sheet = sharedFormSheet();
    if ('adoptedStyleSheets' in root && !root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
    if (this.#formRoot.parentNode !== this) this.append(this.#formRoot);
    void this.#applyLocale();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#otpAbort?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('username') && this.username !== undefined) {
      this.#controller.dispatch({ type: 'prefill', username: this.username });
    }
    if ((changed.has('backend') || changed.has('apiBase')) && this.hasUpdated) this.#controller.reload();
    if (changed.has('locale') && this.hasUpdated) void this.#applyLocale();
    const current = this.#controller.state;
    if (current.step === 'loading' && current.busy === null && current.error === null) void this.#controller.loadConfig();
  }

  protected override render() {
    const flow = this.#controller.state;
    this.#view = this.#stepView(flow);
    const brand = this.brandName ?? flow.config?.brandName;
    const progress =
      flow.gatesRequired > 1 && (flow.step === 'methods' || flow.step === 'challenge')
        ? msg(str`Verification ${Math.min(flow.gatesPassed + 1, flow.gatesRequired)} of ${flow.gatesRequired}`)
        : '';
    return html`<div part="card" class="card">
      <div part="header" class="header">
        <slot name="logo"></slot>${brand ? html`<span part="brand-name">${brand}</span>` : nothing}
      </div>
      ${progress ? html`<p part="progress" class="progress">${progress}</p>` : nothing}
      <h2 part="title" tabindex="-1">${this.#view.title}</h2>
      <slot name="form"></slot>
    </div>`;
  }

  protected override update(changed: PropertyValues<this>) {
    super.update(changed);
    if (this.#view) render(this.#view.body, this.#formRoot, { host: this });
  }

  protected override updated() {
    const state = this.#controller.state;
    if (state.step === 'identify') {
      const container = this.#formRoot.querySelector<HTMLElement>('[data-sspr-captcha]');
      const captcha = this.#captcha();
      if (container && captcha) captcha.mount(container);
    }
    if (this.#focusTitle) {
      this.#focusTitle = false;
      this.renderRoot.querySelector<HTMLElement>('[part="title"]')?.focus();
    }
  }

  #backend(): ResetBackend | null {
    if (this.backend) return this.backend;
    if (!this.apiBase) return null;
    if (!this.#client || this.#clientBase !== this.apiBase) {
      this.#client = new HttpResetClient({ baseUrl: this.apiBase });
      this.#clientBase = this.apiBase;
    }
    return this.#client;
  }
  #clientBase: string | undefined;

  #captcha(): CaptchaProvider | undefined {
    if (this.captcha) return this.captcha;
    if (this.#controller.state.config?.captcha.provider !== 'mock') return undefined;
    return (this.#mockCaptcha ??= new MockCaptcha());
  }

  async #applyLocale() {
    const lang = this.parentElement?.closest('[lang]')?.getAttribute('lang');
    const locale = negotiateLocale([this.locale, lang, ...(globalThis.navigator?.languages ?? [])]);
    await useLocale(locale);
    this.setAttribute('lang', getLocale());
    this.setAttribute('dir', directionOf(getLocale()));
  }

  #transition(previous: FlowState, next: FlowState, event: FlowEvent) {
    if (previous.step !== next.step) {
      this.#focusTitle = previous.step !== 'loading' || next.step !== 'identify' ? true : this.matches(':focus-within');
      if (next.step !== 'password') this.#draft = { password: '', confirm: '', touched: false };
      emit(this, 'sspr-step', { step: next.step });
    }
    if (event.type === 'requestFailed') emit(this, 'sspr-error', { code: event.error.code as ResetErrorCode });
    if (event.type === 'requestFailed' && event.error.code === 'captcha_failed') this.#captcha()?.reset();
    if (next.step === 'done' && previous.step !== 'done') {
      emit(this, 'sspr-complete', { notified: next.notified.map((n) => n.channel) });
    }
    if (event.type === 'challengeStarted' && event.challenge.type === 'mobile-sms') this.#listenForSms();
    else if (next.step !== 'challenge' || next.challenge?.type !== 'mobile-sms') this.#otpAbort?.abort();
  }

  /** WebOTP: where the browser offers it, fill the SMS code from the message and verify. */
  #listenForSms() {
    this.#otpAbort?.abort();
    if (!('OTPCredential' in globalThis)) return;
    const abort = (this.#otpAbort = new AbortController());
    navigator.credentials
      .get({ otp: { transport: ['sms'] }, signal: abort.signal } as CredentialRequestOptions)
      .then(async (credential) => {
        const code = (credential as (Credential & { code?: string }) | null)?.code;
        if (!code || abort.signal.aborted) return;
        await this.updateComplete;
        const input = this.#formRoot.querySelector<HTMLInputElement>('input[name="code"]');
        if (input) input.value = code;
        void this.#controller.verifyCode(code);
      })
      .catch(() => undefined);
  }

  #stepView(state: FlowState): StepView {
    const ctx: ViewContext = {
      state,
      actions: this.#actions,
      now: this.#controller.now,
      id: (name) => `${this.#idPrefix}-${name}`,
      signInHref: this.signInHref ?? null,
      draft: this.#draft,
    };
    switch (state.step) {
      case 'loading':
        return loadingStep(ctx);
      case 'identify':
        return identifyStep(ctx);
      case 'methods':
        return methodsStep(ctx);
      case 'challenge':
        return challengeStep(ctx);
      case 'password':
        return passwordStep(ctx);
      case 'done':
        return doneStep(ctx);
      case 'blocked':
        return blockedStep(ctx);
    }
  }

  #invalid(code: 'username_missing' | 'captcha_missing' | 'code_missing' | 'answers_missing' | 'password_invalid', focus?: Element | null) {
    this.#controller.dispatch({ type: 'invalidInput', error: { code } });
    if (focus instanceof HTMLElement) void this.updateComplete.then(() => focus.focus());
  }

  readonly #actions: StepActions = {
    identify: async (event) => {
      event.preventDefault();
      const form = event.currentTarget as HTMLFormElement;
      const input = form.elements.namedItem('username') as HTMLInputElement;
      const username = input.value.trim();
      this.#controller.dispatch({ type: 'prefill', username: input.value });
      if (!username) return this.#invalid('username_missing', input);
      const token = await (this.#captcha()?.getToken() ?? Promise.resolve(''));
      if (token === null) return this.#invalid('captcha_missing', form.querySelector('[data-sspr-captcha] input'));
      await this.#controller.start(username, token, getLocale());
    },
    choose: (event) => {
      event.preventDefault();
      const form = event.currentTarget as HTMLFormElement;
      const checked = form.querySelector<HTMLInputElement>('input[name="method"]:checked');
      if (checked) void this.#controller.choose(checked.value);
    },
    verify: (event) => {
      event.preventDefault();
      const form = event.currentTarget as HTMLFormElement;
      const answers = [...form.querySelectorAll<HTMLInputElement>('input[data-question-id]')];
      if (answers.length > 0) {
        const empty = answers.find((a) => !a.value.trim());
        if (empty) return this.#invalid('answers_missing', empty);
        void this.#controller
          .verifyAnswers(answers.map((a) => ({ questionId: a.dataset['questionId']!, answer: a.value })))
          .then(() => {
            // New questions after a failure: clear the old answers.
            if (this.#controller.state.error?.code === 'wrong_answers') for (const a of answers) a.value = '';
          });
        return;
      }
      const input = form.elements.namedItem('code') as HTMLInputElement;
      const code = input.value.replace(/\s/g, '');
      if (!code) return this.#invalid('code_missing', input);
      void this.#controller.verifyCode(code).then(() => {
        if (this.#controller.state.error?.code === 'wrong_code') input.select();
      });
    },
    resend: () => void this.#controller.resend(),
    chooseAnother: () => this.#controller.chooseAnother(),
    password: (event) => {
      event.preventDefault();
      const { password, confirm } = this.#draft;
      this.#draft = { ...this.#draft, touched: true };
      const form = event.currentTarget as HTMLFormElement;
      const { passwordPolicy, username } = this.#controller.state;
      const failing = checkPassword(passwordPolicy!, username, password).some((c) => !c.ok);
      if (failing) return this.#invalid('password_invalid', form.elements.namedItem('new-password') as Element);
      if (password !== confirm) return this.#invalid('password_invalid', form.elements.namedItem('confirm-password') as Element);
      void this.#controller.resetPassword(password);
    },
    passwordInput: (event) => {
      const form = event.currentTarget as HTMLFormElement;
      const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
      this.#draft = { password: value('new-password'), confirm: value('confirm-password'), touched: this.#draft.touched };
      this.requestUpdate();
    },
    cancel: () => {
      const wasDone = this.#controller.state.step === 'done';
      void this.#controller.cancel();
      if (!wasDone) emit(this, 'sspr-cancel', {});
    },
    restart: () => void this.#controller.cancel(),
    retryConfig: () => void this.#controller.loadConfig(),
  };
}

/** The light-DOM container the step forms render into, slotted into the card. */
function createFormRoot() {
  const root = document.createElement('div');
  root.setAttribute('slot', 'form');
  root.setAttribute('class', 'sspr-root');
  return root;
}

/** Fire a public event: bubbling and composed, so a host page hears it wherever it listens. */
function emit<K extends keyof SsprEventMap>(el: HTMLElement, name: K, detail: SsprEventMap[K]['detail']) {
  el.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

interface SsprEventMap {
  'sspr-step': CustomEvent<SsprStepDetail>;
  'sspr-error': CustomEvent<SsprErrorDetail>;
  'sspr-complete': CustomEvent<SsprCompleteDetail>;
  'sspr-cancel': CustomEvent<Record<string, never>>;
}

declare global {
  interface GlobalEventHandlersEventMap extends SsprEventMap {}
}
