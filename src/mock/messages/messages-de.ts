/** What the mock sends, in German (Sie). */
import type { Messages } from './index.js';

const messages: Messages = {
  codeSubject: 'Code zum Zurücksetzen des Kennworts für Ihr {brand}-Konto',
  codeBody: {
    one: 'Verwenden Sie den Überprüfungscode {code}, um das Kennwort von {user} zurückzusetzen. Der Code ist {minutes} Minute lang gültig.',
    other:
      'Verwenden Sie den Überprüfungscode {code}, um das Kennwort von {user} zurückzusetzen. Der Code ist {minutes} Minuten lang gültig.',
  },
  sms: '{code} ist Ihr {brand}-Überprüfungscode.',
  call: 'Hier ist {brand}. Drücken Sie die Rautetaste, um das Zurücksetzen Ihres Kennworts zu bestätigen.',
  push: 'Anmeldung für {user} genehmigen? Geben Sie zum Genehmigen die angezeigte Zahl ein.',
  lockSubject: 'Das Zurücksetzen des Kennworts für Ihr {brand}-Konto ist gesperrt',
  lockUntil:
    'Nach wiederholt fehlgeschlagenen Überprüfungen ist die Self-Service-Kennwortzurücksetzung für {user} bis {until} gesperrt. Die Anmeldung ist davon nicht betroffen. Falls Sie das nicht waren, informieren Sie Ihren Administrator.',
  lockIndefinite:
    'Nach wiederholt fehlgeschlagenen Überprüfungen ist die Self-Service-Kennwortzurücksetzung für {user} gesperrt, bis ein Administrator sie entsperrt. Die Anmeldung ist davon nicht betroffen. Falls Sie das nicht waren, informieren Sie Ihren Administrator.',
  resetSubject: 'Ihr {brand}-Kennwort wurde geändert',
  resetBody: 'Das Kennwort von {user} wurde zurückgesetzt. Falls Sie das nicht waren, wenden Sie sich sofort an Ihren Administrator.',
  adminSubject: 'Ein Administrator hat sein Kennwort zurückgesetzt',
  adminBody: 'Das Kennwort von {name} ({user}) wurde über die Self-Service-Kennwortzurücksetzung zurückgesetzt.',
  questions: {
    'q-city': 'In welcher Stadt wurde Ihre Mutter geboren?',
    'q-pet': 'Wie hieß Ihr erstes Haustier?',
    'q-school': 'Wie hieß Ihre Grundschule?',
    'q-street': 'In welcher Straße sind Sie aufgewachsen?',
  },
};
export default messages;
