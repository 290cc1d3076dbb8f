import { z } from 'zod';
import { checkPassword, emailSchema, personNameSchema, signInSchema } from '@partner-hub/domain';
import type { PasswordPolicy } from '@partner-hub/domain';

/** "Create your admin account": name, e-mail, and a password meeting the partner's policy, typed twice. */
export function claimAccountSchema(policy: PasswordPolicy) {
  return z
    .object({
      name: personNameSchema,
      email: emailSchema,
      password: z
        .string()
        .min(1, 'Choose a password.')
        .superRefine((password, ctx) => {
          const problem = password ? checkPassword(password, policy) : null;
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
      passwordConfirmation: z.string().min(1, 'Type the password again.'),
    })
    .refine((values) => !values.passwordConfirmation || values.password === values.passwordConfirmation, {
      path: ['passwordConfirmation'],
      message: 'The two passwords differ.',
    });
}
export type ClaimAccountValues = z.input<ReturnType<typeof claimAccountSchema>>;

/** "My company already uses Partner Hub": an admin's e-mail and password. */
export const acceptInvitationSchema = signInSchema;
export type AcceptInvitationValues = z.input<typeof acceptInvitationSchema>;
