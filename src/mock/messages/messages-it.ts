/** What the mock sends, in Italian (tu). */
import type { Messages } from './index.js';

const messages: Messages = {
  codeSubject: 'Codice per reimpostare la password del tuo account {brand}',
  codeBody: {
    one: 'Usa il codice di verifica {code} per reimpostare la password di {user}. Il codice scade tra {minutes} minuto.',
    other: 'Usa il codice di verifica {code} per reimpostare la password di {user}. Il codice scade tra {minutes} minuti.',
  },
  sms: '{code} è il tuo codice di verifica {brand}.',
  call: 'Ti chiamiamo da {brand}. Premi il tasto cancelletto per confermare la reimpostazione della password.',
  push: 'Approvare l’accesso di {user}? Immetti il numero visualizzato per approvare.',
  lockSubject: 'La reimpostazione della password del tuo account {brand} è bloccata',
  lockUntil:
    'Dopo ripetute verifiche non riuscite, la reimpostazione self-service della password per {user} è bloccata fino a {until}. L’accesso non è interessato. Se non riconosci questi tentativi, avvisa l’amministratore.',
  lockIndefinite:
    'Dopo ripetute verifiche non riuscite, la reimpostazione self-service della password per {user} è bloccata finché un amministratore non la sblocca. L’accesso non è interessato. Se non riconosci questi tentativi, avvisa l’amministratore.',
  resetSubject: 'La password del tuo account {brand} è stata modificata',
  resetBody: 'La password di {user} è stata reimpostata. Se non riconosci questa modifica, contatta subito l’amministratore.',
  adminSubject: 'Un amministratore ha reimpostato la propria password',
  adminBody: '{name} ({user}) ha reimpostato la propria password con la reimpostazione self-service della password.',
  questions: {
    'q-city': 'In quale città è nata tua madre?',
    'q-pet': 'Come si chiamava il tuo primo animale domestico?',
    'q-school': 'Come si chiamava la tua scuola elementare?',
    'q-street': 'In quale via hai trascorso l’infanzia?',
  },
};
export default messages;
