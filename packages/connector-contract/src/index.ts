export * from './contract-schemas.js';
