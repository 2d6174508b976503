import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing, render, type PropertyValues } from 'lit';
import type { CaptchaProvider } from './captcha/types.js';
import { ResetController, type BackendSource } from './controller.js';
import type { StepName } from './flow/reducer.js';
import { directionOf, getLocale, negotiateLocale, useLocale, useWords } from './i18n/index.js';
import type { ResetBackend } from './protocol/backend.js';
import { identifyStep } from './steps/identify.js';
import type { Step, StepView } from './steps/view.js';
import { formStyles, hostStyles } from './sspr-reset.styles.js';

export type { SsprStepDetail, SsprErrorDetail, SsprCompleteDetail } from './controller.js';

/**
 * The steps. The first is in the element's own module, so the first field
 * needs nothing more; the later ones are lazy imports (one chunk in the
 * single-file bundle: vite.config.ts), fetched while the person types
 * (`preloadSteps`), so they are there when needed.
 */
const STEPS: Partial<Record<StepName, Step>> = {
  // Before the config answers, the first field is already there (src/steps/identify.ts).
  loading: identifyStep,
  identify: identifyStep,
};
const LATER: Record<Exclude<StepName, 'loading' | 'identify'>, () => Promise<Step>> = {
  methods: () => import('./steps/methods.js').then((m) => m.methodsStep),
  challenge: () => import('./steps/challenge.js').then((m) => m.challengeStep),
  password: () => import('./steps/password.js').then((m) => m.passwordStep),
  done: () => import('./steps/done.js').then((m) => m.doneStep),
  blocked: () => import('./steps/done.js').then((m) => m.blockedStep),
};
let preloading: Promise<unknown> | undefined;

/**
 * Fetch every later step, and their words in the page's language (once per page); resolves when
 * they are all in, and only then are they shown. A step that fails to load is tried again when shown.
 */
function preloadSteps(): Promise<unknown> {
  const names = Object.keys(LATER) as (keyof typeof LATER)[];
  preloading ??= Promise.all([useWords('steps'), ...names.map((name) => LATER[name]())]).then(
    ([, ...steps]) => names.forEach((name, i) => (STEPS[name] = steps[i])),
    () => (preloading = undefined),
  );
  return preloading;
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
 * Style the chrome with `::part()` (the shadow parts below), the form with
 * `sspr-reset [part~="…"]` (the light-DOM hooks: `@csshook`, listed with
 * the parts in docs/styling-vocabulary.md), and both with the `--sspr-*`
 * tokens; `theme` picks light, dark or the person's setting.
 *
 * @summary Self-service password reset wizard (Entra SSPR style).
 * @tagname sspr-reset
 *
 * @slot logo - Your logo at the top of the card (`<img slot="logo" alt="Contoso">`); without one, the brand name (`brand-name`, else the backend config's) shows instead.
 * @slot header - Beside the logo, at the end of the header row: a language picker, a link back to your site.
 * @slot footer - Under the form on every step: your help and privacy links.
 * @slot help - Under the methods, and on the locked-out and not-enabled screens: what to do when no method works (your help desk).
 *
 * @csspart card - The card around everything.
 * @csspart header - The row with the logo (or brand name) and the `header` slot.
 * @csspart logo - The logo slot's box; it holds the brand name when no logo is slotted.
 * @csspart brand-name - The brand name, shown when no logo is slotted (inside `logo`).
 * @csspart title - The step's heading (focused when a step begins).
 * @csspart progress - "Verification 1 of 2", inside the heading, while two verifications are needed. (steps: methods, challenge)
 * @csspart help - The box around the `help` slot, shown when something is slotted. (steps: methods, blocked)
 * @csspart footer - The box around the `footer` slot, shown when something is slotted.
 *
 * @csshook form - The step's form (or, on the done and blocked screens, its content). (steps: loading, identify, methods, challenge, password, done, blocked)
 * @csshook text - A paragraph of instructions or information. (steps: loading, identify, methods, challenge, password, done, blocked)
 * @csshook success - The done screen's confirmation (with `text`). (steps: done)
 * @csshook policy-note - How many verifications are needed (with `text`). (steps: methods)
 * @csshook list - A list: password rules, reasons, methods not offered, channels notified. (steps: methods, password, done)
 * @csshook notified - The channels notified of the reset (with `list`). (steps: done)
 * @csshook field - A label with its input, hint and error. (steps: loading, identify, challenge, password)
 * @csshook label - A field's label. (steps: loading, identify, challenge, password)
 * @csshook input - A text, email or password input. (steps: loading, identify, challenge, password)
 * @csshook input-code - The verification-code input (with `input`). (steps: challenge)
 * @csshook hint - Help text under a field, and the support code line. (steps: identify, challenge, password, blocked)
 * @csshook error - An announced error (`role="alert"`): the form's, or a field's (with `field-error`). (steps: loading, identify, methods, challenge, password)
 * @csshook field-error - An error next to the field or control it is about, with a visually hidden "Error:" (with `error`). (steps: identify, methods, challenge, password)
 * @csshook status - An announced progress message (`role="status"`). (steps: loading, identify, methods, challenge, password, blocked)
 * @csshook expiry - The polite warning that the session ends soon (with `status`). (steps: methods, challenge, password)
 * @csshook actions - A row of actions. (steps: loading, identify, methods, challenge, password, done, blocked)
 * @csshook actions-secondary - The row of quiet actions under the main one (with `actions`). (steps: loading, identify, methods, challenge, password)
 * @csshook button - Every button. (steps: loading, identify, methods, challenge, password, blocked)
 * @csshook button-primary - The one main action of a screen (also the "Sign in" link). (steps: loading, identify, methods, challenge, password, done, blocked)
 * @csshook button-secondary - A bordered secondary button: Copy, Try again. (steps: loading, challenge, blocked)
 * @csshook button-link - A quiet, link-styled action: resend, another method, cancel, start over. (steps: loading, identify, methods, challenge, password, blocked)
 * @csshook button-resend - The resend action, with its countdown (with `button`). (steps: challenge)
 * @csshook button-reveal - The show/hide password toggle (`aria-pressed`). (steps: password)
 * @csshook button-copy - The button that copies the support code (with `button`). (steps: challenge, blocked)
 * @csshook countdown - "(available in 29 s)" on an action that waits. (steps: challenge)
 * @csshook link - The "Sign in" link of the done and blocked screens (with `button-primary`). (steps: done, blocked)
 * @csshook captcha - The container the captcha renders into. (steps: loading, identify)
 * @csshook checkbox - The mock captcha's checkbox. (steps: identify)
 * @csshook checkbox-label - The mock captcha's label. (steps: identify)
 * @csshook captcha-altcha - The ALTCHA captcha: its status, progress and failure. (steps: identify)
 * @csshook captcha-status - The ALTCHA captcha's status line (`role="status"`): verifying, verified. (steps: identify)
 * @csshook captcha-progress - The ALTCHA captcha's progress bar while it works. (steps: identify)
 * @csshook captcha-error - Why the captcha cannot run, or failed (`role="alert"`). (steps: identify)
 * @csshook captcha-widget - The box a hosted captcha (Turnstile, hCaptcha, reCAPTCHA, Friendly Captcha) renders into. (steps: identify)
 * @csshook method-list - The group of methods to choose from (a `fieldset`). (steps: methods)
 * @csshook legend - The method group's caption. (steps: methods)
 * @csshook method - One method: its radio and label. (steps: methods)
 * @csshook radio - A method's radio button. (steps: methods)
 * @csshook method-label - A method's name. (steps: methods)
 * @csshook method-hint - A method's masked address or number. (steps: methods)
 * @csshook unavailable - The methods the person registered but cannot use here, with the reasons (a disclosure). (steps: methods)
 * @csshook unavailable-summary - The disclosure's summary: "Not offered here (2)". (steps: methods)
 * @csshook policy - The password rules with their live state. (steps: password)
 * @csshook policy-rule - One password rule. (steps: password)
 * @csshook policy-rule-met - A rule the typed password meets (with `policy-rule`). (steps: password)
 * @csshook number-match - The number to type in the authenticator app. (steps: challenge)
 * @csshook support-code - "Support code: …" under an error: the failed answer's request id (with `hint`). (steps: challenge, blocked)
 * @csshook code - The support code itself. (steps: challenge, blocked)
 *
 * @cssproperty --sspr-font-family - Font stack.
 * @cssproperty --sspr-font-size - Base font size (rem, so the person's font settings apply).
 * @cssproperty --sspr-font-size-small - Hints, statuses, progress, the footer.
 * @cssproperty --sspr-font-size-title - The step's heading.
 * @cssproperty --sspr-font-weight-strong - Labels, buttons, the brand name, errors.
 * @cssproperty --sspr-font-weight-title - The step's heading.
 * @cssproperty --sspr-color-surface - Card and input background.
 * @cssproperty --sspr-color-text - Text.
 * @cssproperty --sspr-color-text-muted - Secondary text: hints, statuses, progress, footer.
 * @cssproperty --sspr-color-border - Inputs, bordered buttons, the captcha box, the footer's rule.
 * @cssproperty --sspr-color-primary - The primary button, link-styled actions, radios, accents.
 * @cssproperty --sspr-color-on-primary - Text on the primary color.
 * @cssproperty --sspr-color-danger - Errors and invalid borders.
 * @cssproperty --sspr-color-success - The done screen's confirmation and met rules.
 * @cssproperty --sspr-color-focus - The focus ring.
 * @cssproperty --sspr-radius - Corner radius of the card, inputs and the captcha box.
 * @cssproperty --sspr-space - Base spacing unit.
 * @cssproperty --sspr-card-width - The card's maximum width.
 * @cssproperty --sspr-card-padding - Space inside the card.
 * @cssproperty --sspr-card-shadow - The card's shadow.
 * @cssproperty --sspr-card-border - The card's border (shorthand: `1px solid #e1dfdd`).
 * @cssproperty --sspr-input-height - Minimum height of inputs and buttons.
 * @cssproperty --sspr-button-radius - Button shape: their corner radius (`999px` for pills); default `--sspr-radius`.
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
    theme: { type: String, reflect: true },
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
  /**
   * Color scheme of the card and its form: `light`, `dark`, or `auto` (the
   * default: the person's `prefers-color-scheme`). Reflected to the attribute.
   */
  declare theme: 'light' | 'dark' | 'auto' | undefined;

  readonly #controller: ResetController;
  readonly #idPrefix = `sspr-${++instances}`;
  readonly #formRoot = createFormRoot();
  #view: StepView | undefined;
  /** The step and view last rendered, and whether the next render moves focus (to the heading, or to the view's `focus`). */
  #shown: StepName | undefined;
  #shownView: string | undefined;
  #moveFocus = false;

  constructor() {
    super();
    this.#controller = new ResetController(
      this,
      () => this.#source(),
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
  }

  protected override firstUpdated() {
    // The later steps come in while the person types their user ID, once the first field is
    // painted: fetching and compiling them never delays it.
    afterPaint(() => void preloadSteps());
  }

  protected override render() {
    const state = this.#controller.state;
    const step = STEPS[state.step];
    if (!step) {
      // Reached before its chunk arrived (a slow network): say so, and render again once it is in.
      void preloadSteps().then(() => this.requestUpdate());
    }
    this.#view = (step ?? pendingStep)(state, this.#controller, {
      now: this.#controller.now,
      id: (name) => `${this.#idPrefix}-${name}`,
      signInHref: this.signInHref ?? null,
      captcha: this.#controller.captcha,
    });
    // A new step, or a new view inside one (a denied push, a new code, new questions), moves focus:
    // to its heading, so screen readers announce it, or to what the view names (the code field).
    // The first screen after loading only when the person was already in the widget.
    const view = this.#view.key ?? state.step;
    if (view !== this.#shownView) {
      const from = this.#shown;
      this.#moveFocus =
        from !== undefined &&
        state.step !== 'loading' &&
        (from !== 'loading' || state.step !== 'identify' || this.matches(':focus-within'));
      this.#shown = state.step;
      this.#shownView = view;
    }
    const brand = this.brandName ?? state.config?.brandName;
    const progress =
      state.gatesRequired > 1 && (state.step === 'methods' || state.step === 'challenge')
        ? msg(str`Verification ${Math.min(state.gatesPassed + 1, state.gatesRequired)} of ${state.gatesRequired}`)
        : '';
    return html`<div part="card" class="card">
      <div part="header" class="header">
        <span part="logo" class="logo"
          ><slot name="logo">${brand ? html`<span part="brand-name" class="brand-name">${brand}</span>` : nothing}</slot></span
        ><slot name="header"></slot>
      </div>
      <h2 part="title" tabindex="-1">
        ${progress ? html`<span part="progress" class="progress">${progress}</span> ` : nothing}<span class="title-text"
          >${this.#view.title}</span
        >
      </h2>
      <slot name="form"></slot>
      ${
        state.step === 'methods' || state.step === 'blocked'
          ? html`<div part="help" class="help" hidden><slot name="help" @slotchange=${showWhenFilled}></slot></div>`
          : nothing
      }
      <div part="footer" class="footer" hidden><slot name="footer" @slotchange=${showWhenFilled}></slot></div>
    </div>`;
  }

  protected override update(changed: PropertyValues<this>) {
    super.update(changed);
    if (this.#view) render(this.#view.body, this.#formRoot, { host: this });
  }

  protected override updated() {
    this.#view?.rendered?.(this.#formRoot);
    if (this.#moveFocus) {
      this.#moveFocus = false;
      const target = this.#view?.focus ? this.#formRoot.querySelector<HTMLElement>(this.#view.focus) : null;
      (target ?? this.renderRoot.querySelector<HTMLElement>('[part="title"]'))?.focus();
    }
  }

  /** What to talk to: the `backend` object, else the `api-base` URL (the controller makes its HTTP client). */
  #source(): BackendSource | null {
    return this.backend ?? (this.apiBase || null);
  }

  async #applyLocale() {
    const lang = this.parentElement?.closest('[lang]')?.getAttribute('lang');
    const locale = negotiateLocale([this.locale, lang, ...(globalThis.navigator?.languages ?? [])]);
    await useLocale(locale);
    this.setAttribute('lang', getLocale());
    this.setAttribute('dir', directionOf(getLocale()));
  }
}

/** Run `fn` once the next frame is painted (or after 100 ms, where frames do not run: a hidden page). */
function afterPaint(fn: () => void) {
  let done = false;
  const go = () => {
    if (done) return;
    done = true;
    fn();
  };
  requestAnimationFrame(() => setTimeout(go));
  setTimeout(go, 100);
}

/** A slot's wrapper (help, footer) takes room only while something is slotted into it. */
function showWhenFilled(event: Event) {
  const slot = event.target as HTMLSlotElement;
  slot.parentElement?.toggleAttribute('hidden', slot.assignedNodes({ flatten: true }).length === 0);
}

/** A step whose code is still on its way: the heading stays, a status says it is loading. */
const pendingStep: Step = () => ({
  title: msg('Loading…'),
  key: 'pending',
  body: html`<div part="form" class="sspr-form" data-sspr-pending>
    <p part="status" class="sspr-status" role="status">${msg('Loading…')}</p>
  </div>`,
});

/** The light-DOM container the step forms render into, slotted into the card. */
function createFormRoot() {
  const root = document.createElement('div');
  root.setAttribute('slot', 'form');
  root.setAttribute('class', 'sspr-root');
  return root;
}
