import type { z } from 'zod';
import { partnerProfileSchema } from '@partner-hub/domain';
import type { PartnerDetailsFieldsFragment, PartnerProfileInput } from '@partner-hub/graphql-client';

export type ProfileFormValues = {
  name: string;
  legalForm: string;
  address: string;
  email: string;
  phone: string;
  region: string;
  iin: string;
  kpp: string;
  vatPercent: string;
  accountingCode: string;
};
export type ProfileFormOutput = z.output<typeof partnerProfileSchema>;

/** The profile fields in form order; also the names a server ValidationError may use for them. */
export const PROFILE_FIELDS = [
  'name',
  'legalForm',
  'address',
  'email',
  'phone',
  'region',
  'iin',
  'kpp',
  'vatPercent',
  'accountingCode',
] as const satisfies ReadonlyArray<keyof ProfileFormValues>;

/** The form values of a partner organization's stored profile (empty text for missing fields). */
export function profileFormValues(
  organization: PartnerDetailsFieldsFragment['organization'],
): ProfileFormValues {
  return {
    name: organization.name,
    legalForm: organization.legalForm ?? '',
    address: organization.address ?? '',
    email: organization.email ?? '',
    phone: organization.phone ?? '',
    region: organization.region ?? '',
    iin: organization.iin ?? '',
    kpp: organization.kpp ?? '',
    vatPercent:
      organization.vatPercent === null || organization.vatPercent === undefined
        ? ''
        : String(organization.vatPercent),
    accountingCode: organization.accountingCode ?? '',
  };
}

/** The mutation input of a checked profile: fields left empty are sent as null, which clears them. */
export function profileInput(profile: ProfileFormOutput): PartnerProfileInput {
  return {
    name: profile.name,
    legalForm: profile.legalForm ?? null,
    address: profile.address ?? null,
    email: profile.email ?? null,
    phone: profile.phone ?? null,
    region: profile.region ?? null,
    iin: profile.iin ?? null,
    kpp: profile.kpp ?? null,
    vatPercent: profile.vatPercent === undefined ? null : String(profile.vatPercent),
    accountingCode: profile.accountingCode ?? null,
  };
}
