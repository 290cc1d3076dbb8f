export * from './identity/roles.js';
export * from './identity/permissions.js';
export * from './identity/password-policy.js';
export * from './identity/schemas.js';
