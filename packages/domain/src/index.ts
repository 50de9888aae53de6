export * as money from './money.js';
export * from './roles.js';
export * from './validation.js';
export * from './scoring.js';
export * from './commission.js';
export * from './csv.js';
export * from './leadImport.js';
export * from './quality.js';
export * from './marketplace.js';
