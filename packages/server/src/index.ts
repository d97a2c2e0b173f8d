export { buildApp, type ZhidaApp, type ZhidaServices } from './app/build-app.js';
export { loadConfig, configSchema, type AppConfig } from './config/config.js';
export { createDatabase, type DatabaseHandle } from './db/create-database.js';
export { seedDemo } from './demo/demo-seed.js';
export { identityHash } from './widget/identity-verifier.js';
export { TenantScope } from './db/tenant-scope.js';
