export * from './access/permissions.js';
export * from './errors.js';
export * from './schemas/common.js';
export * from './schemas/auth.js';
export * from './schemas/organisations.js';
export * from './schemas/users.js';
export * from './schemas/audit.js';
