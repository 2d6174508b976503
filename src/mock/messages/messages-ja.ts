/** What the mock sends, in Japanese (です・ます; no plural forms). */
import type { Messages } from './index.js';

const messages: Messages = {
  codeSubject: '{brand} アカウントのパスワード リセット コード',
  codeBody: {
    other: '{user} のパスワードをリセットするには、確認コード {code} を使用してください。このコードの有効期限は {minutes} 分です。',
  },
  sms: '{brand} の確認コードは {code} です。',
  call: 'こちらは {brand} です。パスワードのリセットを確定するには、シャープ キーを押してください。',
  push: '{user} のサインインを承認しますか? 承認するには、表示されている番号を入力してください。',
  lockSubject: '{brand} アカウントのパスワード リセットがロックされました',
  lockUntil:
    '確認に繰り返し失敗したため、{user} のセルフサービス パスワード リセットは {until} までロックされています。サインインには影響しません。心当たりがない場合は、管理者に連絡してください。',
  lockIndefinite:
    '確認に繰り返し失敗したため、{user} のセルフサービス パスワード リセットは、管理者がロックを解除するまでロックされています。サインインには影響しません。心当たりがない場合は、管理者に連絡してください。',
  resetSubject: '{brand} のパスワードが変更されました',
  resetBody: '{user} のパスワードがリセットされました。心当たりがない場合は、すぐに管理者に連絡してください。',
  adminSubject: '管理者が自分のパスワードをリセットしました',
  adminBody: '{name} ({user}) が、セルフサービス パスワード リセットを使用して自分のパスワードをリセットしました。',
  questions: {
    'q-city': '母親が生まれた都市はどこですか?',
    'q-pet': '最初に飼ったペットの名前は何ですか?',
    'q-school': '通っていた小学校の名前は何ですか?',
    'q-street': '子どもの頃に住んでいた通りの名前は何ですか?',
  },
};
export default messages;
