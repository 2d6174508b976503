/**
 * The Contoso demo page: a sign-in card whose "Can't access your account?"
 * link (or `#reset`) opens `<sspr-reset>`, a language picker, and the mock
 * devices panel.
 */
/// <reference types="vite/client" />
import '../src/index.js';
import type { SsprReset } from '../src/index.js';
import contoso from '../themes/contoso.css?raw';
import fabrikam from '../themes/fabrikam.css?raw';
import northwindDark from '../themes/northwind-dark.css?raw';
import { defineMockDevices } from './devices-panel.js';
import { allLocales } from '../src/generated/locale-codes.js';
import { negotiateLocale } from '../src/i18n/index.js';

const API_BASE = '/api/sspr';
const RESET_HASH = '#reset';
const LOCALE_KEY = 'sspr-demo-locale';
const THEME_KEY = 'sspr-demo-theme';

/** The example brand themes (themes/*.css, plain CSS a host page would link), and the widget's color scheme under each. */
const THEMES = {
  contoso: { css: contoso, scheme: 'light' },
  fabrikam: { css: fabrikam, scheme: 'light' },
  'northwind-dark': { css: northwindDark, scheme: 'dark' },
} as const;
type ThemeName = keyof typeof THEMES;

/** The widget's languages (every shipped locale); the page's own words are English or Spanish. */
type PageLocale = (typeof allLocales)[number];
type ChromeLocale = 'en' | 'es';
const chromeOf = (l: PageLocale): ChromeLocale => (l === 'es' ? 'es' : 'en');

/** The page's own strings (the widget translates itself). */
const STRINGS: Record<ChromeLocale, Record<string, string>> = {
  en: {
    title: 'Sign in to your account – Contoso',
    demoPill: 'Demo',
    demoNote: 'The backend is a mock running inside the Vite dev server. Nothing leaves your machine.',
    language: 'Language',
    signIn: 'Sign in',
    emailLabel: 'Email, phone, or Skype',
    cantAccess: 'Can’t access your account?',
    next: 'Next',
    back: 'Back',
    enterPassword: 'Enter password',
    password: 'Password',
    forgot: 'Forgot my password',
    signInButton: 'Sign in',
    tryAdele: 'Try a seed user such as adele@contoso.com, then choose “Can’t access your account?”.',
    resetHeading: 'Contoso account recovery',
    fictitious: '(a fictitious company)',
    footerDemo: 'Demo of the <sspr-reset> web component',
    emailMissing: 'Enter a valid email address, phone number, or Skype name.',
    themeLabel: 'Theme',
    backToSignIn: 'Back to sign-in',
    slotHelp: 'None of these work for you? Call the Contoso help desk at 555-0100, or ask your administrator to reset your password.',
    footerHelp: 'Help',
    footerPrivacy: 'Privacy & cookies',
    footerTerms: 'Terms of use',
    noSignIn: 'This demo doesn’t sign anyone in. Choose “Forgot my password” to try self-service password reset.',
  },
  es: {
    title: 'Iniciar sesión en su cuenta – Contoso',
    demoPill: 'Demo',
    demoNote: 'El back-end es una simulación que se ejecuta dentro del servidor de desarrollo de Vite. Nada sale de su equipo.',
    language: 'Idioma',
    signIn: 'Iniciar sesión',
    emailLabel: 'Correo electrónico, teléfono o Skype',
    cantAccess: '¿No puede acceder a su cuenta?',
    next: 'Siguiente',
    back: 'Atrás',
    enterPassword: 'Escribir contraseña',
    password: 'Contraseña',
    forgot: 'He olvidado mi contraseña',
    signInButton: 'Iniciar sesión',
    tryAdele: 'Pruebe con un usuario de ejemplo, como adele@contoso.com, y elija “¿No puede acceder a su cuenta?”.',
    resetHeading: 'Recuperación de la cuenta de Contoso',
    fictitious: '(una empresa ficticia)',
    footerDemo: 'Demo del componente web <sspr-reset>',
    emailMissing: 'Escriba una dirección de correo electrónico, un número de teléfono o un nombre de Skype válidos.',
    themeLabel: 'Tema',
    backToSignIn: 'Volver a iniciar sesión',
    slotHelp:
      '¿No puede usar ninguno? Llame al servicio de asistencia de Contoso al 555-0100 o pida a su administrador que restablezca su contraseña.',
    footerHelp: 'Ayuda',
    footerPrivacy: 'Privacidad y cookies',
    footerTerms: 'Términos de uso',
    noSignIn: 'Esta demo no inicia sesión. Elija “He olvidado mi contraseña” para probar el restablecimiento de contraseña.',
  },
};

function $(id: string): HTMLElement {
  const node = document.getElementById(id);
  if (!node) throw new Error(`demo: #${id} is missing from index.html`);
  return node;
}

const signInView = $('signin-view');
const resetView = $('reset-view');
const emailStep = $('signin-email-step');
const passwordStep = $('signin-password-step');
const emailForm = $('signin-email-form') as HTMLFormElement;
const emailInput = $('signin-email') as HTMLInputElement;
const emailError = $('signin-email-error');
const passwordForm = $('signin-password-form') as HTMLFormElement;
const passwordInput = $('signin-password') as HTMLInputElement;
const passwordNote = $('signin-password-note');
const identity = $('signin-identity');
const localePicker = $('locale-picker') as HTMLSelectElement;
const themePicker = $('theme-picker') as HTMLSelectElement;

let locale: PageLocale = initialLocale();

function t(key: string): string {
  return STRINGS[chromeOf(locale)][key] ?? STRINGS.en[key] ?? key;
}

// ------------------------------------------------------------------ widget

function widget(): SsprReset {
  const el = document.querySelector('sspr-reset');
  if (!el) throw new Error('demo: <sspr-reset> is missing from index.html');
  return el;
}

/** Put a user ID into the widget: it applies until a reset is under way, never during one. */
function setWidgetUsername(username: string) {
  widget().setAttribute('username', username);
}

// Events bubble (composed) to the view, which outlives a swapped widget.
resetView.addEventListener('sspr-cancel', () => {
  history.pushState(null, '', location.pathname + location.search);
  route({ focus: true });
});
resetView.addEventListener('sspr-complete', () => {
  // Leave the widget on its done screen; its "Sign in" link goes to "/".
});

// ------------------------------------------------------------------ views

function route({ focus }: { focus: boolean }) {
  const reset = location.hash === RESET_HASH;
  signInView.hidden = reset;
  resetView.hidden = !reset;
  document.title = reset ? t('resetHeading') : t('title');
  if (!focus) return;
  if (reset) {
    const el = widget();
    const input = el.step === 'identify' ? el.querySelector<HTMLElement>('input[name="username"]') : null;
    (input ?? $('reset-title')).focus();
  } else {
    const link = passwordStep.hidden ? $('cant-access') : $('forgot-password');
    link.focus();
  }
}

window.addEventListener('hashchange', () => route({ focus: true }));

/** Both reset links carry the typed email into the widget. */
for (const id of ['cant-access', 'forgot-password']) {
  $(id).addEventListener('click', () => {
    const email = emailInput.value.trim();
    if (email) setWidgetUsername(email);
  });
}

function showEmailStep() {
  passwordStep.hidden = true;
  emailStep.hidden = false;
  passwordNote.textContent = '';
  emailInput.focus();
}

emailForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const email = emailInput.value.trim();
  if (!email.includes('@') && !/^\+?[\d\s()-]{7,}$/.test(email)) {
    emailError.textContent = t('emailMissing');
    emailInput.setAttribute('aria-invalid', 'true');
    emailInput.focus();
    return;
  }
  emailError.textContent = '';
  emailInput.removeAttribute('aria-invalid');
  identity.textContent = email;
  emailStep.hidden = true;
  passwordStep.hidden = false;
  passwordInput.value = '';
  $('password-title').focus();
});

emailInput.addEventListener('input', () => {
  if (emailError.textContent) {
    emailError.textContent = '';
    emailInput.removeAttribute('aria-invalid');
  }
});

$('signin-back').addEventListener('click', showEmailStep);

passwordForm.addEventListener('submit', (event) => {
  event.preventDefault();
  passwordNote.textContent = t('noSignIn');
});

// ------------------------------------------------------------------ language

function initialLocale(): PageLocale {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(LOCALE_KEY);
  } catch {
    // Storage may be off; fall back to the browser's languages.
  }
  if (stored && (allLocales as readonly string[]).includes(stored)) return stored as PageLocale;
  return negotiateLocale([...navigator.languages]);
}

function applyLocale(next: PageLocale) {
  locale = next;
  // The page speaks English or Spanish; the widget speaks the chosen language (and sets its own dir).
  document.documentElement.lang = chromeOf(next);
  localePicker.value = next;
  widget().setAttribute('locale', next);
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    node.textContent = t(node.dataset['i18n'] ?? '');
  }
  for (const node of document.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) {
    node.placeholder = t(node.dataset['i18nPlaceholder'] ?? '');
  }
  if (emailError.textContent) emailError.textContent = t('emailMissing');
  if (passwordNote.textContent) passwordNote.textContent = t('noSignIn');
  document.title = location.hash === RESET_HASH ? t('resetHeading') : t('title');
}

localePicker.addEventListener('change', () => {
  const next = negotiateLocale([localePicker.value]);
  try {
    localStorage.setItem(LOCALE_KEY, next);
  } catch {
    // Not remembered; fine for a demo.
  }
  applyLocale(next);
});

// ------------------------------------------------------------------ theme

/** `?theme=fabrikam` (the screenshots script), else the last one picked, else Contoso. */
function initialTheme(): ThemeName {
  const asked = new URLSearchParams(location.search).get('theme');
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(THEME_KEY);
  } catch {
    // Storage may be off.
  }
  for (const name of [asked, stored]) if (name && name in THEMES) return name as ThemeName;
  return 'contoso';
}

const themeStyle = document.createElement('style');
themeStyle.id = 'sspr-theme';
document.head.append(themeStyle);

/** One theme at a time: its CSS (tokens on :root, which the page's sign-in card reads too), and the widget's scheme. */
function applyTheme(name: ThemeName) {
  themeStyle.textContent = THEMES[name].css;
  document.documentElement.dataset['theme'] = name;
  themePicker.value = name;
  widget().setAttribute('theme', THEMES[name].scheme);
}

themePicker.addEventListener('change', () => {
  const name = (themePicker.value in THEMES ? themePicker.value : 'contoso') as ThemeName;
  try {
    localStorage.setItem(THEME_KEY, name);
  } catch {
    // Not remembered; fine for a demo.
  }
  applyTheme(name);
});

applyTheme(initialTheme());

// ------------------------------------------------------------------ devices

defineMockDevices();
const devices = document.createElement('sspr-mock-devices');
devices.apiBase = API_BASE;
devices.addEventListener('use-user', (event) => {
  const { username } = event.detail;
  emailInput.value = username;
  if (!passwordStep.hidden) identity.textContent = username;
  setWidgetUsername(username);
});
$('devices').append(devices);

applyLocale(locale);
route({ focus: false });
