/** What the mock sends, in French (vous; a no-break space before ? as French typography wants). */
import type { Messages } from './index.js';

const messages: Messages = {
  codeSubject: 'Code de réinitialisation du mot de passe de votre compte {brand}',
  codeBody: {
    one: 'Utilisez le code de vérification {code} pour réinitialiser le mot de passe de {user}. Il expire dans {minutes} minute.',
    other: 'Utilisez le code de vérification {code} pour réinitialiser le mot de passe de {user}. Il expire dans {minutes} minutes.',
  },
  sms: '{code} est votre code de vérification {brand}.',
  call: 'Ici {brand}. Appuyez sur la touche dièse pour confirmer la réinitialisation de votre mot de passe.',
  push: 'Approuver la connexion de {user}\u00a0? Entrez le nombre affiché pour approuver.',
  lockSubject: 'La réinitialisation du mot de passe de votre compte {brand} est bloquée',
  lockUntil:
    'Après plusieurs échecs de vérification, la réinitialisation de mot de passe en libre-service de {user} est bloquée jusqu’à {until}. La connexion n’est pas concernée. Si vous n’êtes pas à l’origine de ces tentatives, prévenez votre administrateur.',
  lockIndefinite:
    'Après plusieurs échecs de vérification, la réinitialisation de mot de passe en libre-service de {user} est bloquée jusqu’à ce qu’un administrateur la débloque. La connexion n’est pas concernée. Si vous n’êtes pas à l’origine de ces tentatives, prévenez votre administrateur.',
  resetSubject: 'Le mot de passe de votre compte {brand} a été modifié',
  resetBody:
    'Le mot de passe de {user} a été réinitialisé. Si vous n’êtes pas à l’origine de ce changement, contactez immédiatement votre administrateur.',
  adminSubject: 'Un administrateur a réinitialisé son mot de passe',
  adminBody: '{name} ({user}) a réinitialisé son mot de passe avec la réinitialisation de mot de passe en libre-service.',
  questions: {
    'q-city': 'Dans quelle ville votre mère est-elle née\u00a0?',
    'q-pet': 'Quel était le nom de votre premier animal de compagnie\u00a0?',
    'q-school': 'Quel était le nom de votre école primaire\u00a0?',
    'q-street': 'Dans quelle rue avez-vous grandi\u00a0?',
  },
};
export default messages;
