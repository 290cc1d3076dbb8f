import { z } from 'zod';
import {
  DEFAULT_AGREEMENT,
  agreementFormValues,
  agreementSchema,
  formatAmount,
  partnerCodeSchema,
  partnerProfileSchema,
  partnerRoleSchema,
} from '@partner-hub/domain';
import type { PartnerRole } from '@partner-hub/domain';
import type { CreatePartnerInput } from '@partner-hub/graphql-client';

/** The message when a partner's staff leave the parent empty (they can only add below their own partnership). */
export const PARENT_REQUIRED_MESSAGE = 'Choose the partner to create this sub-partner under.';

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** The parent picker's value: required for partner staff, else empty for a top-level partner. */
export function parentIdSchema(parentRequired: boolean) {
  return parentRequired
    ? z.string({ message: PARENT_REQUIRED_MESSAGE }).min(1, PARENT_REQUIRED_MESSAGE)
    : z.string().nullable();
}

/**
 * The "Add partner" form: the profile and agreement rules are libs/domain's (the API applies the
 * same ones); `parentRequired` for partner staff, who may only add partners below their own.
 */
export function createPartnerFormSchema({ parentRequired }: { parentRequired: boolean }) {
  return z.object({
    role: partnerRoleSchema,
    parentId: parentIdSchema(parentRequired),
    partnerId: z.preprocess(blankToUndefined, partnerCodeSchema.optional()),
    profile: partnerProfileSchema,
    agreement: agreementSchema,
    allowJobOverride: z.boolean(),
  });
}

export type CreatePartnerFormSchema = ReturnType<typeof createPartnerFormSchema>;
export type CreatePartnerFormValues = z.input<CreatePartnerFormSchema>;
export type CreatePartnerFormOutput = z.output<CreatePartnerFormSchema>;

/** The fields the API's ValidationError may name, as form paths (`profile.iin`, `agreement.deposit`, …). */
export const CREATE_PARTNER_SERVER_FIELDS = [
  'role',
  'parentId',
  'partnerId',
  'allowJobOverride',
  'profile.name',
  'profile.legalForm',
  'profile.address',
  'profile.email',
  'profile.phone',
  'profile.region',
  'profile.iin',
  'profile.kpp',
  'profile.vatPercent',
  'profile.accountingCode',
  'agreement.deposit',
  'agreement.currency',
  'agreement.additionalCurrencies',
  'agreement.accountType',
] as const;

/** Empty form values, with the presets a link may carry (`?new=1&parent=…&role=…`). */
export function emptyCreatePartnerValues(
  preset: { role?: PartnerRole; parentId?: string | null } = {},
): CreatePartnerFormValues {
  return {
    role: preset.role as PartnerRole,
    parentId: preset.parentId ?? null,
    partnerId: '',
    profile: {
      name: '',
      legalForm: '',
      address: '',
      email: '',
      phone: '',
      region: '',
      iin: '',
      kpp: '',
      vatPercent: '',
      accountingCode: '',
    },
    agreement: agreementFormValues(DEFAULT_AGREEMENT),
    allowJobOverride: false,
  };
}

/** The createPartner input for checked form values (the VAT rate and deposit as the API reads them). */
export function toCreatePartnerInput(values: CreatePartnerFormOutput): CreatePartnerInput {
  const { vatPercent, ...profile } = values.profile;
  const { depositMinor, ...agreement } = values.agreement;
  return {
    role: values.role,
    parentId: values.parentId ?? null,
    partnerId: values.partnerId ?? null,
    profile: { ...profile, vatPercent: vatPercent === undefined ? undefined : String(vatPercent) },
    agreement: { ...agreement, deposit: formatAmount(depositMinor, agreement.currency) },
    allowJobOverride: values.role === 'SERVICE_PARTNER' ? values.allowJobOverride : false,
  };
}
