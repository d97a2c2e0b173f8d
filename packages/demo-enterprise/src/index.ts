export { buildDemoEnterpriseApp, type DemoEnterpriseOptions } from './demo-enterprise-app.js';
export { demoTryThis } from './enterprise-books.js';
export { EnterpriseStore } from './enterprise-store.js';
