/** What the mock sends, in Simplified Chinese (also the answer to zh, zh-CN, zh-SG). */
import type { Messages } from './index.js';

const messages: Messages = {
  codeSubject: '你的 {brand} 帐户密码重置代码',
  codeBody: {
    other: '请使用验证码 {code} 重置 {user} 的密码。此验证码将在 {minutes} 分钟后过期。',
  },
  sms: '你的 {brand} 验证码为 {code}。',
  call: '这里是 {brand}。请按井号键确认重置你的密码。',
  push: '是否批准 {user} 的登录？请输入显示的数字以批准。',
  lockSubject: '你的 {brand} 帐户的密码重置已锁定',
  lockUntil: '由于多次验证失败，{user} 的自助式密码重置已锁定，直至 {until}。登录不受影响。如果这不是你本人的操作，请告知管理员。',
  lockIndefinite:
    '由于多次验证失败，{user} 的自助式密码重置已锁定，直至管理员将其解锁。登录不受影响。如果这不是你本人的操作，请告知管理员。',
  resetSubject: '你的 {brand} 密码已更改',
  resetBody: '{user} 的密码已重置。如果这不是你本人的操作，请立即联系管理员。',
  adminSubject: '一名管理员重置了自己的密码',
  adminBody: '{name} ({user}) 已通过自助式密码重置重置了自己的密码。',
  questions: {
    'q-city': '你母亲出生在哪个城市？',
    'q-pet': '你的第一只宠物叫什么名字？',
    'q-school': '你就读的小学叫什么名字？',
    'q-street': '你在哪条街道长大？',
  },
};
export default messages;
