export { buildDemoEnterpriseApp, type DemoEnterpriseOptions } from './demo-enterprise-app.js';
export { DEMO_SHOPPER_ID, demoTryThis, type TenantBooks } from './enterprise-books.js';
export { EnterpriseStore } from './enterprise-store.js';
