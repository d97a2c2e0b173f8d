import type { ConsentScope } from './privacy-api-client.js';
import type { Locale } from './messages.js';

/** The text of the privacy notice banner and the 隐私设置 panel. */
export interface PrivacyCatalogue {
  noticeTitle: string;
  readPolicy: string;
  accept: string;
  loadFailed: string;
  tryAgain: string;
  saveFailed: string;
  menu: string;
  menuTitle: string;
  closeMenu: string;
  scope: Record<ConsentScope, string>;
  granted: (version: number, at: string) => string;
  withdrawn: (at: string) => string;
  notGiven: string;
  withdraw: string;
  /** Why the list has a 撤回 and what it does. */
  menuHint: string;
}

const zhCN: PrivacyCatalogue = {
  noticeTitle: '隐私告知',
  readPolicy: '查看完整隐私政策',
  accept: '同意并继续',
  loadFailed: '隐私告知加载失败，暂时无法开始咨询。',
  tryAgain: '重试',
  saveFailed: '未能保存您的选择，请重试。',
  menu: '隐私设置',
  menuTitle: '隐私设置',
  closeMenu: '关闭隐私设置',
  scope: { notice: '隐私告知', sensitive_identity: '处理身份证号', sensitive_financial: '处理银行卡号', recording: '通话录音录像' },
  granted: (version, at) => `已同意（第 ${version} 版，${at}）`,
  withdrawn: (at) => `已撤回（${at}）`,
  notGiven: '未同意',
  withdraw: '撤回',
  menuHint: '撤回后，我们将停止相应的处理；撤回隐私告知后需重新同意才能继续咨询。',
};

const en: PrivacyCatalogue = {
  noticeTitle: 'Privacy notice',
  readPolicy: 'Read the full privacy policy',
  accept: 'Accept and continue',
  loadFailed: 'The privacy notice could not be loaded, so the chat cannot start yet.',
  tryAgain: 'Try again',
  saveFailed: 'Your choice could not be saved. Please try again.',
  menu: 'Privacy',
  menuTitle: 'Privacy settings',
  closeMenu: 'Close privacy settings',
  scope: { notice: 'Privacy notice', sensitive_identity: 'ID card numbers', sensitive_financial: 'Bank card numbers', recording: 'Call recording' },
  granted: (version, at) => `Given (version ${version}, ${at})`,
  withdrawn: (at) => `Withdrawn (${at})`,
  notGiven: 'Not given',
  withdraw: 'Withdraw',
  menuHint: 'Once withdrawn, we stop that processing; after withdrawing the notice you accept it again to go on chatting.',
};

export function getPrivacyCatalogue(locale: Locale): PrivacyCatalogue {
  return locale === 'en' ? en : zhCN;
}
