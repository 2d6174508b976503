/** The mock directory's seed users. Every secret here is fake and for demos only. */
import ENGLISH from './messages/messages-en.js';

export type Role = 'user' | 'admin';

export interface SeedQuestion {
  /** Stable in every language: answers are matched to questions by it. */
  id: string;
  /**
   * The question as registered (English for the seed users). A stock question
   * (`q-city`, `q-pet`, `q-school`, `q-street` with their English text) is
   * asked in the flow's language from the mock's own tables.
   */
  text: string;
  /**
   * The question in other languages, by shipped locale (`pt-BR`, `zh-Hant`) or
   * primary language subtag (`de`): the flow's `locale` picks; it wins over the
   * mock's tables.
   */
  translations?: Record<string, string>;
  /** As the user registered it, in whatever language: compared after `normalizeAnswer`, never translated. */
  answer: string;
}

export interface SeedUser {
  username: string;
  displayName: string;
  role: Role;
  /** Whether the user is enabled for self-service password reset. */
  enabled?: boolean;
  password: string;
  /** Alternate email outside the directory (the `email` method). */
  email?: string;
  /** Mobile phone (the `mobile-sms` and `mobile-call` methods). */
  mobile?: string;
  /** Office phone (the `office-call` method). */
  office?: string;
  /** Base32 secret of the authenticator app (`app-notification`, `app-code`). */
  authenticatorSecret?: string;
  questions?: SeedQuestion[];
  /** Locked out of reset at seed time. */
  locked?: boolean;
  /**
   * The language notices about the account (reset locked, password changed)
   * are written in, a BCP 47 tag. Default: the language of the flow that
   * caused them. Codes, calls and pushes always follow the flow's `locale`.
   */
  locale?: string;
}

/** The four stock questions (ids and English text from the mock's tables), with a user's answers. */
const QUESTIONS = (answers: [string, string, string, string]): SeedQuestion[] =>
  (['q-city', 'q-pet', 'q-school', 'q-street'] as const).map((id, i) => ({ id, text: ENGLISH.questions[id], answer: answers[i]! }));

export const SEED_USERS: readonly SeedUser[] = [
  {
    username: 'adele@contoso.com',
    displayName: 'Adele Vance',
    role: 'user',
    password: 'Adele-Old-Passw0rd',
    email: 'adele.vance@fabrikam.com',
    mobile: '+1 425 555 0134',
    office: '+1 425 555 0100',
    authenticatorSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    questions: QUESTIONS(['Seattle', 'Rex', 'Lincoln Elementary', 'Pine Street']),
  },
  {
    username: 'alex@contoso.com',
    displayName: 'Alex Wilber',
    role: 'admin',
    password: 'Alex-Old-Passw0rd',
    email: 'alex.wilber@fabrikam.com',
    mobile: '+1 206 555 0199',
    office: '+1 206 555 0111',
    authenticatorSecret: 'KRSXG5DSNFXGOIDBNZSCA5DPORXXIIDU',
    questions: QUESTIONS(['Portland', 'Milo', 'Roosevelt', 'Main Street']),
  },
  {
    username: 'megan@contoso.com',
    displayName: 'Megan Bowen',
    role: 'user',
    password: 'Megan-Old-Passw0rd',
    email: 'megan.bowen@fabrikam.com',
    questions: QUESTIONS(['Málaga', 'Luna', 'San José', 'Calle Mayor']),
  },
  {
    username: 'locked@contoso.com',
    displayName: 'Lee Locked',
    role: 'user',
    password: 'Locked-Old-Passw0rd',
    email: 'lee.locked@fabrikam.com',
    mobile: '+1 425 555 0177',
    locked: true,
  },
  {
    username: 'diego@contoso.com',
    displayName: 'Diego Siciliani',
    role: 'user',
    enabled: false,
    password: 'Diego-Old-Passw0rd',
    email: 'diego.siciliani@fabrikam.com',
  },
  {
    username: 'nestor@contoso.com',
    displayName: 'Nestor Wilke',
    role: 'admin',
    password: 'Nestor-Old-Passw0rd',
    email: 'nestor.wilke@fabrikam.com',
    mobile: '+1 206 555 0142',
    authenticatorSecret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
  },
];

/** Passwords the mock treats as breached / too common. */
export const COMMON_PASSWORDS: readonly string[] = [
  'password',
  'password1',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  '12345678',
  '123456789',
  '1234567890',
  'qwerty123',
  'qwertyuiop',
  'iloveyou',
  'letmein123',
  'welcome1',
  'welcome123',
  'admin123',
  'sunshine1',
  'football1',
  'baseball1',
  'abc12345',
  'changeme',
  'trustno1',
  'Summer2026!',
  'Winter2026!',
];
