/** What the mock sends, in Spanish (tú, as the widget's Spanish). */
import type { Messages } from './index.js';

const messages: Messages = {
  codeSubject: 'Código para restablecer la contraseña de tu cuenta de {brand}',
  codeBody: {
    one: 'Usa el código de verificación {code} para restablecer la contraseña de {user}. Caduca en {minutes} minuto.',
    other: 'Usa el código de verificación {code} para restablecer la contraseña de {user}. Caduca en {minutes} minutos.',
  },
  sms: '{code} es tu código de verificación de {brand}.',
  call: 'Te llamamos de {brand}. Presiona la tecla numeral para confirmar el restablecimiento de tu contraseña.',
  push: '¿Aprobar el inicio de sesión de {user}? Escribe el número que se muestra para aprobarlo.',
  lockSubject: 'El restablecimiento de contraseña de tu cuenta de {brand} está bloqueado',
  lockUntil:
    'Tras varias verificaciones fallidas, el restablecimiento de contraseña de autoservicio de {user} está bloqueado hasta {until}. Esto no afecta al inicio de sesión. Si no has sido tú, avisa a tu administrador.',
  lockIndefinite:
    'Tras varias verificaciones fallidas, el restablecimiento de contraseña de autoservicio de {user} está bloqueado hasta que un administrador lo desbloquee. Esto no afecta al inicio de sesión. Si no has sido tú, avisa a tu administrador.',
  resetSubject: 'Se ha cambiado tu contraseña de {brand}',
  resetBody: 'Se ha restablecido la contraseña de {user}. Si no has sido tú, ponte en contacto con tu administrador de inmediato.',
  adminSubject: 'Un administrador ha restablecido su contraseña',
  adminBody: '{name} ({user}) ha restablecido su contraseña con el restablecimiento de contraseña de autoservicio.',
  questions: {
    'q-city': '¿En qué ciudad nació tu madre?',
    'q-pet': '¿Cómo se llamaba tu primera mascota?',
    'q-school': '¿Cómo se llamaba tu escuela primaria?',
    'q-street': '¿En qué calle creciste?',
  },
};
export default messages;
