import { z } from 'zod';
import {
  OWNER_ACCESS_KINDS,
  ownerAnnotationSchema,
  ownerMessageSchema,
  ownerSchema,
} from '@partner-hub/domain';
import type {
  ContactOwnerInput,
  OwnerAccessKind,
  OwnerAnnotationFieldsFragment,
  CreateOwnerInput,
  UpdateOwnerAnnotationInput,
} from '@partner-hub/graphql-client';

/**
 * The owners feature's forms. Every rule is libs/domain's (the API applies the same ones); the
 * forms hold plain text, and empty optional fields are sent as null (which clears them).
 */

/** An owner's basic data as the form holds it. */
export type OwnerFormValues = { email: string; name: string; phone: string };
export type OwnerFormOutput = z.output<typeof ownerSchema>;
export const OWNER_FORM_FIELDS = ['email', 'name', 'phone'] as const satisfies ReadonlyArray<
  keyof OwnerFormValues
>;

/** The form values of an owner (empty text for missing fields), or of a new one. */
export function ownerFormValues(owner?: {
  email: string;
  name?: string | null;
  phone?: string | null;
}): OwnerFormValues {
  return { email: owner?.email ?? '', name: owner?.name ?? '', phone: owner?.phone ?? '' };
}

/** The API input of a valid owner form. */
export function toOwnerInput(values: OwnerFormOutput): CreateOwnerInput {
  return { email: values.email, name: values.name ?? null, phone: values.phone ?? null };
}

/** The private annotation as the form holds it. */
export type AnnotationFormValues = { externalUserId: string; displayName: string; description: string };
export type AnnotationFormOutput = z.output<typeof ownerAnnotationSchema>;
export const ANNOTATION_FORM_FIELDS = [
  'externalUserId',
  'displayName',
  'description',
] as const satisfies ReadonlyArray<keyof AnnotationFormValues>;

export function annotationFormValues(
  annotation: OwnerAnnotationFieldsFragment | null | undefined,
): AnnotationFormValues {
  return {
    externalUserId: annotation?.externalUserId ?? '',
    displayName: annotation?.displayName ?? '',
    description: annotation?.description ?? '',
  };
}

export function toAnnotationInput(ownerId: string, values: AnnotationFormOutput): UpdateOwnerAnnotationInput {
  return {
    ownerId,
    externalUserId: values.externalUserId ?? null,
    displayName: values.displayName ?? null,
    description: values.description ?? null,
  };
}

/** A message to an owner. */
export type ContactFormValues = { subject: string; message: string };
export type ContactFormOutput = z.output<typeof ownerMessageSchema>;
export const CONTACT_FORM_FIELDS = ['subject', 'message'] as const satisfies ReadonlyArray<
  keyof ContactFormValues
>;
export const emptyContactValues = (): ContactFormValues => ({ subject: '', message: '' });

export function toContactInput(ownerId: string, values: ContactFormOutput): ContactOwnerInput {
  return { ownerId, subject: values.subject, message: values.message };
}

/** "Add vehicle access": a vehicle chosen from the search, and how the owner relates to it. */
export const CHOOSE_VEHICLE_MESSAGE = 'Choose a vehicle.';
export const vehicleAccessSchema = z.object({
  vehicleId: z.string({ message: CHOOSE_VEHICLE_MESSAGE }).min(1, CHOOSE_VEHICLE_MESSAGE),
  kind: z.enum(OWNER_ACCESS_KINDS),
});
export type VehicleAccessFormValues = { vehicleId: string | undefined; kind: OwnerAccessKind };
export type VehicleAccessFormOutput = z.output<typeof vehicleAccessSchema>;
export const VEHICLE_ACCESS_FORM_FIELDS = ['vehicleId', 'kind'] as const satisfies ReadonlyArray<
  keyof VehicleAccessFormValues
>;

/** How each kind of access reads in the app. */
export const OWNER_ACCESS_KIND_LABELS: Record<OwnerAccessKind, string> = { OWNER: 'Owner', USER: 'User' };
