/** What the mock sends, in Traditional Chinese (您; also the answer to zh-TW, zh-HK, zh-MO). */
import type { Messages } from './index.js';

const messages: Messages = {
  codeSubject: '您的 {brand} 帳戶密碼重設代碼',
  codeBody: {
    other: '請使用驗證碼 {code} 重設 {user} 的密碼。此驗證碼將於 {minutes} 分鐘後到期。',
  },
  sms: '您的 {brand} 驗證碼為 {code}。',
  call: '這裡是 {brand}。請按井字鍵確認重設您的密碼。',
  push: '要核准 {user} 的登入嗎？請輸入顯示的數字以核准。',
  lockSubject: '您的 {brand} 帳戶密碼重設已鎖定',
  lockUntil: '由於多次驗證失敗，{user} 的自助密碼重設已鎖定至 {until}。登入不受影響。如果這不是您本人的操作，請通知系統管理員。',
  lockIndefinite:
    '由於多次驗證失敗，{user} 的自助密碼重設已鎖定，直到系統管理員解除鎖定為止。登入不受影響。如果這不是您本人的操作，請通知系統管理員。',
  resetSubject: '您的 {brand} 密碼已變更',
  resetBody: '{user} 的密碼已重設。如果這不是您本人的操作，請立即聯絡系統管理員。',
  adminSubject: '一位系統管理員重設了自己的密碼',
  adminBody: '{name} ({user}) 已使用自助密碼重設功能重設了自己的密碼。',
  questions: {
    'q-city': '您的母親在哪個城市出生？',
    'q-pet': '您的第一隻寵物叫什麼名字？',
    'q-school': '您就讀的小學叫什麼名字？',
    'q-street': '您在哪條街長大？',
  },
};
export default messages;
