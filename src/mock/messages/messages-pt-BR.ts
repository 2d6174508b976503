/** What the mock sends, in Brazilian Portuguese (você; also the answer to pt-PT). */
import type { Messages } from './index.js';

const messages: Messages = {
  codeSubject: 'Código de redefinição de senha da sua conta {brand}',
  codeBody: {
    one: 'Use o código de verificação {code} para redefinir a senha de {user}. Ele expira em {minutes} minuto.',
    other: 'Use o código de verificação {code} para redefinir a senha de {user}. Ele expira em {minutes} minutos.',
  },
  sms: '{code} é o seu código de verificação da {brand}.',
  call: 'Aqui é a {brand}. Pressione a tecla jogo da velha para confirmar a redefinição da sua senha.',
  push: 'Aprovar a entrada de {user}? Digite o número exibido para aprovar.',
  lockSubject: 'A redefinição de senha da sua conta {brand} está bloqueada',
  lockUntil:
    'Após várias verificações com falha, a redefinição de senha por autoatendimento de {user} está bloqueada até {until}. Isso não afeta a entrada na conta. Se não foi você, avise o seu administrador.',
  lockIndefinite:
    'Após várias verificações com falha, a redefinição de senha por autoatendimento de {user} está bloqueada até que um administrador a desbloqueie. Isso não afeta a entrada na conta. Se não foi você, avise o seu administrador.',
  resetSubject: 'A senha da sua conta {brand} foi alterada',
  resetBody: 'A senha de {user} foi redefinida. Se não foi você, entre em contato com o seu administrador imediatamente.',
  adminSubject: 'Um administrador redefiniu a própria senha',
  adminBody: '{name} ({user}) redefiniu a própria senha com a redefinição de senha por autoatendimento.',
  questions: {
    'q-city': 'Em que cidade sua mãe nasceu?',
    'q-pet': 'Qual era o nome do seu primeiro animal de estimação?',
    'q-school': 'Qual era o nome da sua escola de ensino fundamental?',
    'q-street': 'Em que rua você cresceu?',
  },
};
export default messages;
