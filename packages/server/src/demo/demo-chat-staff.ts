import type { TemplateId } from '@zhida/templates';

/** A chat group of a demo tenant: an agent group (a ticket department, or a specialist desk made here) that takes chats. */
export interface DemoChatGroup {
  name: string;
  /** Skills every chat routed here needs. */
  skills: string[];
  /** The bot intents (ids from the template's `intents.json`) this group serves. */
  intents: string[];
  /** The tenant's default chat group: everything no other group claims. */
  isDefault?: boolean;
}

/** A demo agent who takes chats: offline until they sign in to the console and go 在线. */
export interface DemoChatAgent {
  email: string;
  name: string;
  skills: string[];
  maxChats: number;
  /** Chat groups (by name) the agent belongs to. */
  groups: string[];
}

export interface DemoChatDesk {
  groups: DemoChatGroup[];
  agents: DemoChatAgent[];
}

/**
 * Who takes chats in each demo tenant, and which chats go where. Data, not code: the industries
 * differ only here. The shared logins of `demo-tenants.ts` (agent1, agent2, the admin) get a
 * profile too — agent1 can take every chat of its tenant, so a demo with one console window works.
 */
export const DEMO_CHAT_DESKS: Record<TemplateId, DemoChatDesk> = {
  ecommerce: {
    groups: [
      { name: '客服部', skills: [], intents: ['order_status', 'cancel_order', 'product_inquiry', 'coupon_issue', 'invoice_request', 'human_agent'], isDefault: true },
      { name: '售后服务部', skills: ['售后'], intents: ['return_request', 'refund_status', 'exchange_request', 'complaint'] },
      { name: '物流部', skills: ['物流'], intents: ['logistics_delay', 'modify_address'] },
    ],
    agents: [
      { email: 'chenjing@demo.zhida.cn', name: '陈静', skills: ['售后', 'English'], maxChats: 4, groups: ['客服部', '售后服务部'] },
      { email: 'liuyang@demo.zhida.cn', name: '刘洋', skills: ['售后'], maxChats: 5, groups: ['售后服务部'] },
      { email: 'zhaomin@demo.zhida.cn', name: '赵敏', skills: ['物流'], maxChats: 6, groups: ['物流部'] },
      { email: 'huangxiaodong@demo.zhida.cn', name: '黄晓东', skills: ['物流', '售后'], maxChats: 5, groups: ['物流部', '售后服务部'] },
      { email: 'zhouting@demo.zhida.cn', name: '周婷', skills: ['English'], maxChats: 3, groups: ['客服部'] },
      { email: 'wukai@demo.zhida.cn', name: '吴凯', skills: [], maxChats: 6, groups: ['客服部'] },
    ],
  },
  finance: {
    groups: [
      { name: '零售银行部', skills: [], intents: ['balance_query', 'password_reset', 'transfer_issue', 'account_open', 'complaint', 'human_agent'], isDefault: true },
      { name: '信用卡中心', skills: ['信用卡'], intents: ['credit_card_bill', 'card_loss_report'] },
      { name: '个人信贷部', skills: ['理财'], intents: ['loan_inquiry'] },
      { name: '反欺诈中心', skills: ['反欺诈'], intents: ['fraud_report'] },
    ],
    agents: [
      { email: 'sunli@demo.zhida.cn', name: '孙丽', skills: ['信用卡'], maxChats: 5, groups: ['信用卡中心', '零售银行部'] },
      { email: 'majun@demo.zhida.cn', name: '马骏', skills: ['信用卡', 'English'], maxChats: 4, groups: ['信用卡中心'] },
      { email: 'hefang@demo.zhida.cn', name: '何芳', skills: ['理财'], maxChats: 4, groups: ['个人信贷部', '零售银行部'] },
      { email: 'guoqiang@demo.zhida.cn', name: '郭强', skills: ['反欺诈'], maxChats: 3, groups: ['反欺诈中心'] },
      { email: 'linxue@demo.zhida.cn', name: '林雪', skills: ['反欺诈', '信用卡'], maxChats: 3, groups: ['反欺诈中心', '信用卡中心'] },
      { email: 'xuhao@demo.zhida.cn', name: '徐浩', skills: ['English'], maxChats: 5, groups: ['零售银行部'] },
    ],
  },
  government: {
    groups: [
      { name: '政务服务中心综合窗口', skills: [], intents: ['policy_inquiry', 'progress_query', 'complaint', 'human_agent'], isDefault: true },
      { name: '帮办代办服务组', skills: [], intents: ['appointment_booking', 'material_upload', 'certificate_request'] },
      // Specialist desks that chats reach by transfer: the bot has no 社保/公积金 intent of its own.
      { name: '社保专席', skills: ['政务-社保'], intents: [] },
      { name: '公积金专席', skills: ['政务-公积金'], intents: [] },
    ],
    agents: [
      { email: 'yangfan@demo.zhida.cn', name: '杨帆', skills: ['政务-社保'], maxChats: 5, groups: ['社保专席', '政务服务中心综合窗口'] },
      { email: 'zhuhong@demo.zhida.cn', name: '朱红', skills: ['政务-社保'], maxChats: 4, groups: ['社保专席'] },
      { email: 'hujian@demo.zhida.cn', name: '胡建', skills: ['政务-公积金'], maxChats: 5, groups: ['公积金专席', '政务服务中心综合窗口'] },
      { email: 'gaoya@demo.zhida.cn', name: '高雅', skills: ['政务-公积金', 'English'], maxChats: 4, groups: ['公积金专席', '帮办代办服务组'] },
      { email: 'luowei@demo.zhida.cn', name: '罗伟', skills: [], maxChats: 6, groups: ['帮办代办服务组', '政务服务中心综合窗口'] },
    ],
  },
  telecom: {
    groups: [
      { name: '客户服务部', skills: [], intents: ['bill_query', 'data_usage', 'complaint', 'human_agent'], isDefault: true },
      { name: '装维服务中心', skills: ['宽带'], intents: ['broadband_fault'] },
      { name: '业务受理中心', skills: ['套餐'], intents: ['plan_change', 'sim_replacement'] },
      { name: '号卡业务部', skills: ['携号转网'], intents: ['number_porting'] },
    ],
    agents: [
      { email: 'zhengyu@demo.zhida.cn', name: '郑宇', skills: ['宽带'], maxChats: 5, groups: ['装维服务中心'] },
      { email: 'xieli@demo.zhida.cn', name: '谢莉', skills: ['宽带', '套餐'], maxChats: 4, groups: ['装维服务中心', '业务受理中心'] },
      { email: 'songtao@demo.zhida.cn', name: '宋涛', skills: ['套餐'], maxChats: 6, groups: ['业务受理中心', '客户服务部'] },
      { email: 'tangjie@demo.zhida.cn', name: '唐洁', skills: ['携号转网', '套餐'], maxChats: 4, groups: ['号卡业务部', '业务受理中心'] },
      { email: 'fengrui@demo.zhida.cn', name: '冯睿', skills: ['English'], maxChats: 5, groups: ['客户服务部'] },
      { email: 'dengli@demo.zhida.cn', name: '邓丽', skills: [], maxChats: 6, groups: ['客户服务部'] },
    ],
  },
};

/** The demo supervisor of every tenant: supervises each chat group (the live view, reassign, alerts). */
export const DEMO_SUPERVISOR = { email: 'supervisor@demo.zhida.cn', name: '主管 钱进', role: 'supervisor' } as const;
