/** What the mock sends, in Polish (three plural forms for whole minutes; wording without gendered verbs). */
import type { Messages } from './index.js';

const messages: Messages = {
  codeSubject: 'Kod resetowania hasła do konta {brand}',
  codeBody: {
    one: 'Użyj kodu weryfikacyjnego {code}, aby zresetować hasło użytkownika {user}. Kod wygaśnie za {minutes} minutę.',
    few: 'Użyj kodu weryfikacyjnego {code}, aby zresetować hasło użytkownika {user}. Kod wygaśnie za {minutes} minuty.',
    many: 'Użyj kodu weryfikacyjnego {code}, aby zresetować hasło użytkownika {user}. Kod wygaśnie za {minutes} minut.',
    other: 'Użyj kodu weryfikacyjnego {code}, aby zresetować hasło użytkownika {user}. Kod wygaśnie za {minutes} minuty.',
  },
  sms: '{code} to Twój kod weryfikacyjny {brand}.',
  call: 'Tu {brand}. Naciśnij klawisz z krzyżykiem, aby potwierdzić resetowanie hasła.',
  push: 'Zatwierdzić logowanie użytkownika {user}? Wprowadź wyświetloną liczbę, aby zatwierdzić.',
  lockSubject: 'Resetowanie hasła do konta {brand} jest zablokowane',
  lockUntil:
    'Po wielu nieudanych weryfikacjach samoobsługowe resetowanie hasła dla użytkownika {user} jest zablokowane do {until}. Nie ma to wpływu na logowanie. Jeśli to nie Ty, powiadom administratora.',
  lockIndefinite:
    'Po wielu nieudanych weryfikacjach samoobsługowe resetowanie hasła dla użytkownika {user} jest zablokowane do czasu odblokowania przez administratora. Nie ma to wpływu na logowanie. Jeśli to nie Ty, powiadom administratora.',
  resetSubject: 'Hasło do konta {brand} zostało zmienione',
  resetBody: 'Hasło użytkownika {user} zostało zresetowane. Jeśli to nie Ty, natychmiast skontaktuj się z administratorem.',
  adminSubject: 'Hasło administratora zostało zresetowane',
  adminBody: 'Hasło administratora {name} ({user}) zostało zresetowane za pomocą samoobsługowego resetowania hasła.',
  questions: {
    'q-city': 'W jakim mieście urodziła się Twoja matka?',
    'q-pet': 'Jak miało na imię Twoje pierwsze zwierzę domowe?',
    'q-school': 'Jak nazywała się Twoja szkoła podstawowa?',
    'q-street': 'Przy jakiej ulicy był Twój dom rodzinny?',
  },
};
export default messages;
