import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import type { AccountType, PartnerRole, PartnerStatus, PasswordPolicy } from '@partner-hub/domain';
import { AccountTypeEnum, PartnerRoleEnum, PartnerStatusEnum, PasswordPolicyEnum, SortDirectionEnum, enumObject } from '../../common/graphql/enums.js';
import { EXPECTED_VERSION_RULE, UPDATE_RULE } from '../../common/graphql/update-rule.js';
import { PARTNER_SORT_FIELDS } from './partner.service.js';
import type { PartnerSortField } from './partner.service.js';

export const PartnerSortFieldEnum = enumObject<PartnerSortField>(PARTNER_SORT_FIELDS);
registerEnumType(PartnerSortFieldEnum, { name: 'PartnerSortField', description: 'The column a partners list is sorted by.' });

@InputType({ description: 'Narrows a list of partners; all given conditions must hold.' })
export class PartnerFilter {
  @Field(() => String, { nullable: true, description: 'Part of the name or e-mail, or an exact Partner ID.' })
  search?: string | null;

  @Field(() => PartnerRoleEnum, { nullable: true, description: 'Only partners with this role.' })
  role?: PartnerRole | null;

  @Field(() => PartnerStatusEnum, { nullable: true, description: 'Only partners with this status.' })
  status?: PartnerStatus | null;

  @Field(() => String, { nullable: true, description: 'Only partners in this region (case-insensitive).' })
  region?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only blocked (true) or unblocked (false) partners.' })
  blocked?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'True: only archived partners. Default: only active ones.' })
  archived?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only the direct sub-partners of this partner (lazy tree expansion).' })
  parentId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only the top of the viewer\'s tree: the principal\'s top-level partners, or a partner\'s own partnerships.' })
  topLevel?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only partners created by this import batch.' })
  importBatchId?: string | null;
}

@InputType({ description: 'How a partners list is sorted.' })
export class PartnerOrder {
  @Field(() => PartnerSortFieldEnum, { description: 'The column.' })
  field!: PartnerSortField;

  @Field(() => SortDirectionEnum, { description: 'The direction.' })
  direction!: 'ASC' | 'DESC';
}

@InputType({ description: 'A partner organization\'s profile. Empty optional fields are cleared; in updatePartnerProfile, fields left out stay as they are.' })
export class PartnerProfileInput {
  @Field(() => String, { description: 'Company name (required).' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Legal form, e.g. GmbH.' })
  legalForm?: string | null;

  @Field(() => String, { nullable: true, description: 'Postal address.' })
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact e-mail.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact phone: digits, spaces, +, - and parentheses.' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Region.' })
  region?: string | null;

  @Field(() => String, { nullable: true, description: 'IIN: 12 digits.' })
  iin?: string | null;

  @Field(() => String, { nullable: true, description: 'KPP: 9 digits.' })
  kpp?: string | null;

  @Field(() => String, { nullable: true, description: 'VAT rate in percent, 0 to 100 with at most 2 decimals (e.g. "19" or "7.7").' })
  vatPercent?: string | null;

  @Field(() => String, { nullable: true, description: 'Accounting code ("1C code"), at most 50 characters.' })
  accountingCode?: string | null;
}

@InputType({ description: 'A partner\'s agreement.' })
export class PartnerAgreementInput {
  @Field(() => String, { description: 'Deposit as a decimal amount in the currency, e.g. "1500.50".' })
  deposit!: string;

  @Field(() => String, { description: 'Main currency, ISO 4217 code (e.g. EUR).' })
  currency!: string;

  @Field(() => [String], { description: 'Further currencies the partner may bill in (ISO codes).' })
  additionalCurrencies!: string[];

  @Field(() => AccountTypeEnum, { description: 'Billing model.' })
  accountType!: AccountType;
}

@InputType({ description: 'A new partner.' })
export class CreatePartnerInput {
  @Field(() => PartnerRoleEnum, { description: 'What the partner is to the principal.' })
  role!: PartnerRole;

  @Field(() => ID, { nullable: true, description: 'Create it as a sub-partner of this partner (required for a partner admin).' })
  parentId?: string | null;

  @Field(() => String, { nullable: true, description: 'Partner ID to use (5 letters or digits); generated when empty.' })
  partnerId?: string | null;

  @Field(() => PartnerProfileInput, { description: 'The profile.' })
  profile!: PartnerProfileInput;

  @Field(() => PartnerAgreementInput, { nullable: true, description: 'The agreement; EUR, prepaid, no deposit when omitted.' })
  agreement?: PartnerAgreementInput | null;

  @Field(() => Boolean, { nullable: true, description: 'Let its technicians change a job\'s configuration (service partners).' })
  allowJobOverride?: boolean | null;
}

@InputType({ description: 'A partner\'s new profile.' })
export class UpdatePartnerProfileInput {
  @Field(() => ID, { description: 'The partner.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION_RULE })
  expectedVersion?: number | null;

  @Field(() => PartnerProfileInput, { description: `The profile. ${UPDATE_RULE}` })
  profile!: PartnerProfileInput;
}

@InputType({ description: 'A partner\'s new agreement.' })
export class UpdatePartnerAgreementInput {
  @Field(() => ID, { description: 'The partner.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION_RULE })
  expectedVersion?: number | null;

  @Field(() => PartnerAgreementInput, { description: 'The whole agreement.' })
  agreement!: PartnerAgreementInput;
}

@InputType({ description: 'A partner\'s new settings.' })
export class UpdatePartnerSettingsInput {
  @Field(() => ID, { description: 'The partner.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION_RULE })
  expectedVersion?: number | null;

  @Field(() => Boolean, { description: 'Its technicians may change a job\'s predefined configuration.' })
  allowJobOverride!: boolean;

  @Field(() => Boolean, { description: 'Block the partner and its whole subtree (sessions and API keys stop on their next request).' })
  blocked!: boolean;

  @Field(() => Boolean, { description: 'Stop the users of its sub-partners from signing in.' })
  usersBlocked!: boolean;

  @Field(() => PasswordPolicyEnum, { description: 'Password policy for the partner\'s users.' })
  passwordPolicy!: PasswordPolicy;
}

@InputType({ description: 'Move a partner with its subtree.' })
export class MovePartnerInput {
  @Field(() => ID, { description: 'The partner to move.' })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'Its new parent; null moves it to the top level (principal staff only).' })
  parentId?: string | null;
}

@InputType({ description: 'One partner.' })
export class PartnerIdInput {
  @Field(() => ID, { description: 'The partner.' })
  id!: string;
}
