import { z } from 'zod';
import { checkPassword, emailSchema, personNameSchema } from '@partner-hub/domain';
import type { PasswordPolicy } from '@partner-hub/domain';

/** "Send invitation": the address the link goes to. */
export const sendInvitationSchema = z.object({ email: emailSchema });
export type SendInvitationValues = z.input<typeof sendInvitationSchema>;

/**
 * "Create admin login instead": e-mail, name and a password that meets the partner's policy
 * (checked here for early feedback; the API checks it again).
 */
export function partnerAdminSchema(policy: PasswordPolicy) {
  return z.object({
    email: emailSchema,
    name: personNameSchema,
    password: z
      .string()
      .min(1, 'Enter an initial password.')
      .superRefine((password, ctx) => {
        const problem = password ? checkPassword(password, policy) : null;
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  });
}
export type PartnerAdminValues = z.input<ReturnType<typeof partnerAdminSchema>>;
