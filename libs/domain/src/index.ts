export * from './identity/roles.js';
export * from './identity/permissions.js';
export * from './identity/password-policy.js';
export * from './identity/schemas.js';
export * from './partner/partner-roles.js';
export * from './partner/partner-tree.js';
export * from './partner/partner-code.js';
export * from './partner/tax-ids.js';

export * from './money/money.js';
export * from './partner/agreement.js';
export * from './import/csv-table.js';
export * from './import/partners-import.js';
export * from './import/vehicles-import.js';
export * from './vehicle/vin.js';
export * from './vehicle/vehicle.js';
export * from './vehicle/vehicle-access.js';
export * from './owner/owner.js';
