/** The demo tenants `npm start` creates on a fresh database, one per industry template. */
export const demoTenants = [
  { slug: 'demo-ecommerce', name: '示例商城', template: 'ecommerce' },
  { slug: 'demo-finance', name: '示例银行', template: 'finance' },
  { slug: 'demo-government', name: '政务服务示例', template: 'government' },
  { slug: 'demo-telecom', name: '示例通信', template: 'telecom' },
] as const;

export const DEMO_PASSWORD = 'zhida-demo';

export const demoUsers = [
  { email: 'admin@demo.zhida.cn', name: '张敏', role: 'admin' },
  { email: 'agent1@demo.zhida.cn', name: '李娜', role: 'agent' },
  { email: 'agent2@demo.zhida.cn', name: '王磊', role: 'agent' },
] as const;
