import type { CustomerTicket } from './customer-ticket-schema.js';
import type { Locale } from './messages.js';
import { NOTICE_REQUIRED } from './notice-gate.js';
import type { AttachmentProblem, TicketFormProblem } from './ticket-form-validation.js';

/** Every piece of text the 提交工单 / 我的工单 screens can show (the chat's own text is in messages.ts). */
export interface TicketCatalogue {
  navLabel: string;
  tabChat: string;
  tabNew: string;
  tabMine: string;
  back: string;
  loading: string;
  retry: string;
  /** widget-on-demand.js (the form and the ticket page) could not be loaded. */
  screensLoadFailed: string;
  newTitle: string;
  listTitle: string;
  detailTitle: string;
  categoryLabel: string;
  categoryPlaceholder: string;
  descriptionLabel: string;
  descriptionPlaceholder: string;
  counter: (length: number, max: number) => string;
  required: string;
  optional: string;
  selectPlaceholder: string;
  contactHeading: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  attachmentsLabel: string;
  attachmentsHint: string;
  addAttachment: string;
  removeAttachment: (filename: string) => string;
  pdfBadge: string;
  submit: string;
  submitting: string;
  problems: Record<TicketFormProblem, string>;
  attachmentProblem: (problem: AttachmentProblem, filename: string) => string;
  fixTheForm: string;
  submitted: (number: string) => string;
  listEmpty: string;
  updatedAt: (time: string) => string;
  ticketNumber: (number: string) => string;
  categoryOf: (name: string) => string;
  description: string;
  progress: string;
  by: Record<CustomerTicket['timeline'][number]['by'], string>;
  openAttachment: (filename: string) => string;
  addInfoLabel: string;
  addInfoPlaceholder: string;
  addInfoSend: string;
  confirm: string;
  reopen: string;
  reopenUntil: (time: string) => string;
  networkError: string;
  unavailable: string;
  requestTooLarge: string;
  /** The form was held back: the privacy notice is to be accepted first (shown above the form). */
  noticeRequired: string;
  genericError: string;
}

const zhCN: TicketCatalogue = {
  navLabel: '客服功能',
  tabChat: '在线咨询',
  tabNew: '提交工单',
  tabMine: '我的工单',
  back: '返回',
  loading: '加载中…',
  retry: '重试',
  screensLoadFailed: '工单组件加载失败，请刷新重试',
  newTitle: '提交工单',
  listTitle: '我的工单',
  detailTitle: '工单详情',
  categoryLabel: '问题类型',
  categoryPlaceholder: '请选择问题类型',
  descriptionLabel: '问题描述',
  descriptionPlaceholder: '请描述您遇到的问题，如订单号、发生时间、具体情况',
  counter: (length, max) => `${length}/${max}`,
  required: '（必填）',
  optional: '（选填）',
  selectPlaceholder: '请选择',
  contactHeading: '联系方式',
  contactName: '姓名',
  contactPhone: '手机号',
  contactEmail: '邮箱',
  attachmentsLabel: '附件',
  attachmentsHint: '图片或 PDF，最多 3 个，每个不超过 5 MB',
  addAttachment: '添加附件',
  removeAttachment: (filename) => `移除附件 ${filename}`,
  pdfBadge: 'PDF',
  submit: '提交工单',
  submitting: '提交中…',
  problems: {
    required: '此项为必填',
    too_long: '内容过长，请精简后再提交',
    invalid_mobile: '请输入正确的 11 位手机号',
    invalid_phone: '请输入正确的电话号码',
    invalid_email: '请输入正确的邮箱地址',
    invalid_order_number: '请输入正确的订单号（字母、数字或“-”）',
    invalid_date: '请输入正确的日期',
    invalid_number: '请输入数字',
    invalid_option: '请从列表中选择一项',
  },
  attachmentProblem: (problem, filename) =>
    ({
      too_many: '最多上传 3 个附件',
      wrong_type: `“${filename}”格式不支持，仅支持图片（PNG、JPG、GIF、WebP）或 PDF`,
      too_large: `“${filename}”超过 5 MB，请压缩后再上传`,
      empty: `“${filename}”是空文件`,
    })[problem],
  fixTheForm: '请检查标红的内容后再提交',
  submitted: (number) => `工单已提交：${number}`,
  listEmpty: '您还没有提交过工单',
  updatedAt: (time) => `更新于 ${time}`,
  ticketNumber: (number) => `工单号 ${number}`,
  categoryOf: (name) => `类型：${name}`,
  description: '问题描述',
  progress: '处理进度',
  by: { customer: '我', staff: '客服', system: '系统' },
  openAttachment: (filename) => `查看附件 ${filename}`,
  addInfoLabel: '补充信息',
  addInfoPlaceholder: '补充说明或上传新的凭证',
  addInfoSend: '提交补充',
  confirm: '确认已解决',
  reopen: '重新打开',
  reopenUntil: (time) => `如问题仍未解决，可在 ${time} 前重新打开`,
  networkError: '网络异常，请检查网络后重试',
  unavailable: '暂时无法连接客服，请稍后再试。',
  requestTooLarge: '附件总大小超出限制，请减少或压缩附件',
  noticeRequired: '请先阅读并同意上方的隐私告知，再提交工单',
  genericError: '操作失败，请稍后重试',
};

const en: TicketCatalogue = {
  navLabel: 'Service',
  tabChat: 'Chat',
  tabNew: 'New ticket',
  tabMine: 'My tickets',
  back: 'Back',
  loading: 'Loading…',
  retry: 'Try again',
  screensLoadFailed: 'The ticket form could not be loaded. Please reload the page and try again.',
  newTitle: 'New ticket',
  listTitle: 'My tickets',
  detailTitle: 'Ticket',
  categoryLabel: 'Type of problem',
  categoryPlaceholder: 'Choose a type',
  descriptionLabel: 'Description',
  descriptionPlaceholder: 'What happened? Order number, time, details…',
  counter: (length, max) => `${length}/${max}`,
  required: ' (required)',
  optional: ' (optional)',
  selectPlaceholder: 'Choose…',
  contactHeading: 'Contact',
  contactName: 'Name',
  contactPhone: 'Mobile',
  contactEmail: 'Email',
  attachmentsLabel: 'Attachments',
  attachmentsHint: 'Images or PDF, up to 3, 5 MB each',
  addAttachment: 'Add attachment',
  removeAttachment: (filename) => `Remove attachment ${filename}`,
  pdfBadge: 'PDF',
  submit: 'Submit ticket',
  submitting: 'Submitting…',
  problems: {
    required: 'Required',
    too_long: 'Too long',
    invalid_mobile: 'Enter an 11-digit mainland China mobile number',
    invalid_phone: 'Enter a valid phone number',
    invalid_email: 'Enter a valid email address',
    invalid_order_number: 'Enter a valid order number (letters, digits or "-")',
    invalid_date: 'Enter a valid date',
    invalid_number: 'Enter a number',
    invalid_option: 'Choose one of the options',
  },
  attachmentProblem: (problem, filename) =>
    ({
      too_many: 'At most 3 attachments',
      wrong_type: `"${filename}" is not supported: images (PNG, JPG, GIF, WebP) or PDF only`,
      too_large: `"${filename}" is larger than 5 MB`,
      empty: `"${filename}" is empty`,
    })[problem],
  fixTheForm: 'Please check the highlighted fields',
  submitted: (number) => `Ticket submitted: ${number}`,
  listEmpty: 'You have no tickets yet',
  updatedAt: (time) => `Updated ${time}`,
  ticketNumber: (number) => `Ticket ${number}`,
  categoryOf: (name) => `Type: ${name}`,
  description: 'Description',
  progress: 'Progress',
  by: { customer: 'You', staff: 'Support', system: 'System' },
  openAttachment: (filename) => `Open attachment ${filename}`,
  addInfoLabel: 'Add information',
  addInfoPlaceholder: 'More details or new evidence',
  addInfoSend: 'Send',
  confirm: 'Confirm resolved',
  reopen: 'Reopen',
  reopenUntil: (time) => `Not solved? You can reopen until ${time}`,
  networkError: 'Network problem. Please check your connection and try again.',
  unavailable: 'We could not reach customer service. Please try again later.',
  requestTooLarge: 'The attachments are too large together. Please remove or compress some.',
  noticeRequired: 'Please read and accept the privacy notice above before submitting.',
  genericError: 'Something went wrong. Please try again.',
};

const catalogues: Record<Locale, TicketCatalogue> = { 'zh-CN': zhCN, en };

/** The ticket screens' text for a locale. */
export function getTicketCatalogue(locale: Locale): TicketCatalogue {
  return catalogues[locale];
}

/**
 * What to tell the visitor about a failed call: the server's own explanation when it gave one
 * (it is written for customers, in Chinese), otherwise a sentence of ours.
 *
 * @example ticketErrorText({ code: 'network_error', message: 'Failed to fetch' }, text) // '网络异常，请检查网络后重试'
 */
export function ticketErrorText(error: { code: string; message: string }, text: TicketCatalogue): string {
  if (error.code === 'network_error') return text.networkError;
  if (error.code === 'unavailable') return text.unavailable;
  if (error.code === 'http_413') return text.requestTooLarge;
  if (error.code === NOTICE_REQUIRED) return text.noticeRequired;
  if (error.code === 'invalid_response' || error.code.startsWith('http_') || !error.message) return text.genericError;
  return error.message;
}
