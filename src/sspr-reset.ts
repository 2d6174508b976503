import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing, render, type PropertyValues } from 'lit';
import type { CaptchaProvider } from './captcha/types.js';
import { ResetController } from './controller.js';
import type { StepName } from './flow/reducer.js';
import { directionOf, getLocale, negotiateLocale, useLocale } from './i18n/index.js';
import type { ResetBackend } from './protocol/backend.js';
import { HttpResetClient } from './protocol/http-client.js';
import { challengeStep } from './steps/challenge.js';
import { blockedStep, doneStep } from './steps/done.js';
import { identifyStep, loadingStep } from './steps/identify.js';
import { methodsStep } from './steps/methods.js';
import { passwordStep } from './steps/password.js';
import type { Step, StepView } from './steps/view.js';
import { formStyles, hostStyles } from './sspr-reset.styles.js';

export type { SsprStepDetail, SsprErrorDetail, SsprCompleteDetail } from './controller.js';

const STEPS: Record<StepName, Step> = {
  loading: loadingStep,
  identify: identifyStep,
  methods: methodsStep,
  challenge: challengeStep,
  password: passwordStep,
  done: doneStep,
  blocked: blockedStep,
};

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
 * @csspart brand-name - The brand name text, when `brand-name` (or the backend's config) names one.
 * @csspart progress - "Verification 1 of 2", during two-gate verification.
 * @csspart title - The step's heading (focused when a step begins).
 * @csspart form - (light DOM) The step's form.
 * @csspart text - (light DOM) A paragraph of instructions or information.
 * @csspart success - (light DOM) The done screen's confirmation (with `text`).
 * @csspart policy-note - (light DOM) The methods step's line on how many verifications are needed (with `text`).
 * @csspart list - (light DOM) A list: password rules, reasons, methods not offered, channels notified.
 * @csspart notified - (light DOM) The done screen's list of channels notified (with `list`).
 * @csspart field - (light DOM) A label with its input and hint.
 * @csspart label - (light DOM) A field's label.
 * @csspart input - (light DOM) A text, email or password input.
 * @csspart input-code - (light DOM) The verification-code input (with `input`).
 * @csspart hint - (light DOM) Help text under a field.
 * @csspart error - (light DOM) The announced error message (`role="alert"`).
 * @csspart status - (light DOM) The announced progress message (`role="status"`).
 * @csspart actions - (light DOM) A row of buttons.
 * @csspart actions-secondary - (light DOM) The row of quieter actions under a code (with `actions`).
 * @csspart button - (light DOM) Every button.
 * @csspart button-primary - (light DOM) The main action of a step (also the done screen's sign-in link).
 * @csspart button-secondary - (light DOM) Other actions.
 * @csspart button-resend - (light DOM) The resend button, with its countdown (with `button button-secondary`).
 * @csspart link - (light DOM) The done screen's "Sign in" link (with `button-primary`).
 * @csspart captcha - (light DOM) The container the captcha renders into.
 * @csspart checkbox - (light DOM) The mock captcha's checkbox.
 * @csspart checkbox-label - (light DOM) The mock captcha's label.
 * @csspart captcha-altcha - (light DOM) The ALTCHA captcha: its status, progress and failure.
 * @csspart captcha-status - (light DOM) The ALTCHA captcha's status line (`role="status"`): verifying, verified.
 * @csspart captcha-progress - (light DOM) The ALTCHA captcha's progress bar while it works.
 * @csspart captcha-error - (light DOM) Why the captcha cannot run, or failed (`role="alert"`).
 * @csspart captcha-widget - (light DOM) The box a hosted captcha (Turnstile, hCaptcha, reCAPTCHA, Friendly Captcha) renders into.
 * @csspart fieldset - (light DOM) The group of methods to choose from.
 * @csspart legend - (light DOM) The method group's caption.
 * @csspart choice - (light DOM) One method: its radio and label.
 * @csspart radio - (light DOM) A method's radio button.
 * @csspart choice-label - (light DOM) A method's name.
 * @csspart choice-hint - (light DOM) A method's masked address or number.
 * @csspart unavailable - (light DOM) A method the person registered but cannot use here, with the reason.
 * @csspart policy - (light DOM) The password rules with their live state.
 * @csspart policy-rule - (light DOM) One password rule.
 * @csspart policy-rule-met - (light DOM) A rule the typed password meets (with `policy-rule`).
 * @csspart number-match - (light DOM) The number to type in the authenticator app.
 * @csspart support-code - (light DOM) "Support code: …" under an error: the failed answer's request id (with `hint`).
 * @csspart code - (light DOM) The support code itself.
 * @csspart button-copy - (light DOM) The button that copies the support code (with `button button-secondary`).
 * @csspart expiry - (light DOM) The polite warning that the session ends soon (with `status`).
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
 * @fires {CustomEvent<SsprErrorDetail>} sspr-error - A request failed; detail carries the problem code and, when the backend sent one, the request id (`{ code, requestId? }`: the support code the person sees), never a message or a secret.
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
  #clientBase: string | undefined;
  #view: StepView | undefined;
  /** The step last rendered, and whether the next render moves focus to its heading. */
  #shown: StepName | undefined;
  #focusTitle = false;

  constructor() {
    super();
    this.#controller = new ResetController(
      this,
      () => this.#backend(),
      () => this.captcha,
    );
    updateWhenLocaleChanges(this);
  }

  /** The current step, for hosts and tests. */
  get step(): StepName {
    return this.#controller.state.step;
  }

  /** Abandon any flow and start over at the first step. */
  restart() {
    this.#controller.restart();
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

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('username') && this.username !== undefined) this.#controller.prefill(this.username);
    if ((changed.has('backend') || changed.has('apiBase')) && this.hasUpdated) this.#controller.reload();
    if (changed.has('locale') && this.hasUpdated) void this.#applyLocale();
    const { step } = this.#controller.state;
    if (step !== this.#shown) {
      // A new step's heading takes focus, so screen readers announce it; but the first
      // screen after loading only when the person was already in the widget.
      const from = this.#shown;
      this.#focusTitle =
        from !== undefined && step !== 'loading' && (from !== 'loading' || step !== 'identify' || this.matches(':focus-within'));
      this.#shown = step;
    }
  }

  protected override render() {
    const state = this.#controller.state;
    this.#view = STEPS[state.step](state, this.#controller, {
      now: this.#controller.now,
      id: (name) => `${this.#idPrefix}-${name}`,
      signInHref: this.signInHref ?? null,
      captcha: this.#controller.captcha,
    });
    const brand = this.brandName ?? state.config?.brandName;
    const progress =
      state.gatesRequired > 1 && (state.step === 'methods' || state.step === 'challenge')
        ? msg(str`Verification ${Math.min(state.gatesPassed + 1, state.gatesRequired)} of ${state.gatesRequired}`)
        : '';
    return html`<div part="card" class="card">
      <div part="header" class="header"><slot name="logo"></slot>${brand ? html`<span part="brand-name">${brand}</span>` : nothing}</div>
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
    this.#view?.rendered?.(this.#formRoot);
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

  async #applyLocale() {
    const lang = this.parentElement?.closest('[lang]')?.getAttribute('lang');
    const locale = negotiateLocale([this.locale, lang, ...(globalThis.navigator?.languages ?? [])]);
    await useLocale(locale);
    this.setAttribute('lang', getLocale());
    this.setAttribute('dir', directionOf(getLocale()));
  }
}

/** The light-DOM container the step forms render into, slotted into the card. */
function createFormRoot() {
  const root = document.createElement('div');
  root.setAttribute('slot', 'form');
  root.setAttribute('class', 'sspr-root');
  return root;
}
