/** What the mock sends, in Korean (합니다 style; no particle follows a slot whose sound is unknown). */
import type { Messages } from './index.js';

const messages: Messages = {
  codeSubject: '{brand} 계정 암호 재설정 코드',
  codeBody: {
    other: '{user}의 암호를 재설정하려면 다음 확인 코드를 사용하세요: {code}. 이 코드는 {minutes}분 후에 만료됩니다.',
  },
  sms: '{brand} 확인 코드: {code}',
  call: '{brand}에서 전화드렸습니다. 암호 재설정을 확인하려면 우물 정(#) 버튼을 누르세요.',
  push: '{user}의 로그인을 승인하시겠습니까? 승인하려면 표시된 숫자를 입력하세요.',
  lockSubject: '{brand} 계정의 암호 재설정이 잠겼습니다',
  lockUntil:
    '확인에 여러 번 실패하여 {user}의 셀프 서비스 암호 재설정이 {until}까지 잠겼습니다. 로그인에는 영향이 없습니다. 본인이 시도한 것이 아니면 관리자에게 알리세요.',
  lockIndefinite:
    '확인에 여러 번 실패하여 {user}의 셀프 서비스 암호 재설정이 잠겼으며, 관리자가 잠금을 해제해야 다시 사용할 수 있습니다. 로그인에는 영향이 없습니다. 본인이 시도한 것이 아니면 관리자에게 알리세요.',
  resetSubject: '{brand} 암호가 변경되었습니다',
  resetBody: '{user}의 암호가 재설정되었습니다. 본인이 변경한 것이 아니면 즉시 관리자에게 문의하세요.',
  adminSubject: '관리자가 자신의 암호를 재설정했습니다',
  adminBody: '{name}({user}) 님이 셀프 서비스 암호 재설정으로 자신의 암호를 재설정했습니다.',
  questions: {
    'q-city': '어머니가 태어난 도시는 어디입니까?',
    'q-pet': '처음 키운 반려동물의 이름은 무엇입니까?',
    'q-school': '졸업한 초등학교의 이름은 무엇입니까?',
    'q-street': '어린 시절에 살았던 거리의 이름은 무엇입니까?',
  },
};
export default messages;
