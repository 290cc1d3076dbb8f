import { z } from 'zod';
import { ACCOUNT_TYPES, PARTNER_ROLES, PARTNER_STATUSES } from './partner-roles.js';

// Apart from the lists and guards in partner-roles.ts, so code that needs only those (the web app's partners list
// URL reader, which is in the browser's first download) does not bring zod along.
export const partnerRoleSchema = z.enum(PARTNER_ROLES, { message: 'Choose a role: dealer, service partner or OEM.' });
export const partnerStatusSchema = z.enum(PARTNER_STATUSES, { message: 'Choose a status: draft, invitation sent or accepted.' });
export const accountTypeSchema = z.enum(ACCOUNT_TYPES, { message: 'Choose an account type: prepaid, postpaid or free.' });
