/** What the mock sends, in Dutch (je). */
import type { Messages } from './index.js';

const messages: Messages = {
  codeSubject: 'Code om het wachtwoord van je {brand}-account opnieuw in te stellen',
  codeBody: {
    one: 'Gebruik verificatiecode {code} om het wachtwoord van {user} opnieuw in te stellen. De code verloopt over {minutes} minuut.',
    other: 'Gebruik verificatiecode {code} om het wachtwoord van {user} opnieuw in te stellen. De code verloopt over {minutes} minuten.',
  },
  sms: '{code} is je {brand}-verificatiecode.',
  call: 'Dit is {brand}. Druk op het hekje om het opnieuw instellen van je wachtwoord te bevestigen.',
  push: 'Aanmelding voor {user} goedkeuren? Voer het getoonde getal in om goed te keuren.',
  lockSubject: 'Het opnieuw instellen van het wachtwoord van je {brand}-account is geblokkeerd',
  lockUntil:
    'Na herhaaldelijk mislukte verificaties is selfservice voor wachtwoordherstel voor {user} geblokkeerd tot {until}. Aanmelden werkt gewoon. Was jij dit niet? Laat het je beheerder weten.',
  lockIndefinite:
    'Na herhaaldelijk mislukte verificaties is selfservice voor wachtwoordherstel voor {user} geblokkeerd totdat een beheerder de blokkering opheft. Aanmelden werkt gewoon. Was jij dit niet? Laat het je beheerder weten.',
  resetSubject: 'Het wachtwoord van je {brand}-account is gewijzigd',
  resetBody: 'Het wachtwoord van {user} is opnieuw ingesteld. Was jij dit niet? Neem dan meteen contact op met je beheerder.',
  adminSubject: 'Een beheerder heeft het eigen wachtwoord opnieuw ingesteld',
  adminBody: '{name} ({user}) heeft het eigen wachtwoord opnieuw ingesteld via selfservice voor wachtwoordherstel.',
  questions: {
    'q-city': 'In welke plaats is je moeder geboren?',
    'q-pet': 'Hoe heette je eerste huisdier?',
    'q-school': 'Hoe heette je basisschool?',
    'q-street': 'In welke straat ben je opgegroeid?',
  },
};
export default messages;
