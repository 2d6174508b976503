/** What the mock sends, in English (built into the mock; the other languages load on demand). */
import type { Messages } from './index.js';

const messages: Messages = {
  codeSubject: 'Your {brand} account password reset code',
  codeBody: {
    one: 'Use verification code {code} to reset the password of {user}. It expires in {minutes} minute.',
    other: 'Use verification code {code} to reset the password of {user}. It expires in {minutes} minutes.',
  },
  sms: '{code} is your {brand} verification code.',
  call: 'This is {brand}. Press the pound key to confirm your password reset.',
  push: 'Approve sign-in for {user}? Enter the number shown to approve.',
  lockSubject: 'Password reset for your {brand} account is locked',
  lockUntil:
    "After repeated failed verifications, self-service password reset for {user} is locked until {until}. Signing in is not affected. If this wasn't you, tell your administrator.",
  lockIndefinite:
    "After repeated failed verifications, self-service password reset for {user} is locked until an administrator unlocks it. Signing in is not affected. If this wasn't you, tell your administrator.",
  resetSubject: 'Your {brand} password was changed',
  resetBody: "The password of {user} was reset. If this wasn't you, contact your administrator at once.",
  adminSubject: 'An administrator reset their password',
  adminBody: '{name} ({user}) reset their password with self-service password reset.',
  questions: {
    'q-city': 'In what city was your mother born?',
    'q-pet': 'What was the name of your first pet?',
    'q-school': 'What was the name of your elementary school?',
    'q-street': 'On what street did you grow up?',
  },
};
export default messages;
