import { z } from 'zod';
import { PASSWORD_POLICIES } from '@partner-hub/domain';
import type { PartnerDetailsFieldsFragment } from '@partner-hub/graphql-client';

/** A partner's settings (DESIGN.md §1): job override, blocking, and its users' password policy. */
export const partnerSettingsSchema = z.object({
  allowJobOverride: z.boolean(),
  blocked: z.boolean(),
  usersBlocked: z.boolean(),
  passwordPolicy: z.enum(PASSWORD_POLICIES, { message: 'Choose a password policy.' }),
});
export type PartnerSettingsValues = z.infer<typeof partnerSettingsSchema>;

export const SETTINGS_FIELDS = ['allowJobOverride', 'blocked', 'usersBlocked', 'passwordPolicy'] as const;

/** The form values of a partner's stored settings. */
export function settingsFormValues(partner: PartnerDetailsFieldsFragment): PartnerSettingsValues {
  return {
    allowJobOverride: partner.allowJobOverride,
    blocked: partner.blocked,
    usersBlocked: partner.usersBlocked,
    passwordPolicy: partner.organization.passwordPolicy,
  };
}

/** Which access-cutting switches the change turns on — these take effect at once and need confirmation. */
export function newlyBlocking(
  before: PartnerSettingsValues,
  after: PartnerSettingsValues,
): { blocked: boolean; usersBlocked: boolean } {
  return {
    blocked: after.blocked && !before.blocked,
    usersBlocked: after.usersBlocked && !before.usersBlocked,
  };
}
