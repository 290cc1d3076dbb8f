/** Readable names of the audit actions recorded on an owner. */
const OWNER_ACTION_LABELS: Record<string, string> = {
  'owner.created': 'Created',
  'owner.updated': 'Basic data changed',
  'owner.archived': 'Archived',
  'owner.restored': 'Restored',
  'owner.annotationUpdated': 'Private annotation changed',
  'owner.vehicleAccessAdded': 'Vehicle access added',
  'owner.vehicleAccessChanged': 'Vehicle access changed',
  'owner.vehicleAccessRemoved': 'Vehicle access removed',
  'owner.contacted': 'Contacted by e-mail',
};

/** The label of an owner's audit action, falling back to the raw action name. */
export function ownerActionLabel(action: string): string {
  return OWNER_ACTION_LABELS[action] ?? action;
}
