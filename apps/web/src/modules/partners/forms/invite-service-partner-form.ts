import { z } from 'zod';
import { emailSchema, partnerNameSchema } from '@partner-hub/domain';
import { parentIdSchema } from './create-partner-form';

/**
 * "Invite service partner": the name and e-mail (the invitation needs an address), the job-override
 * choice, and — for partner staff, who add only below their own partnership — the parent.
 */
export function inviteServicePartnerSchema({ parentRequired }: { parentRequired: boolean }) {
  return z.object({
    name: partnerNameSchema,
    email: emailSchema,
    allowJobOverride: z.boolean(),
    parentId: parentIdSchema(parentRequired),
  });
}
