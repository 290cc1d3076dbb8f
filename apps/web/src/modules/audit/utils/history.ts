/** Readable names of the audit actions shown in an object's history (partners, vehicles, owners). */
const ACTION_LABELS: Record<string, string> = {
  'partner.create': 'Created',
  'partner.updateProfile': 'Profile changed',
  'partner.updateAgreement': 'Agreement changed',
  'partner.updateSettings': 'Settings changed',
  'partner.move': 'Moved',
  'partner.archive': 'Archived',
  'partner.restore': 'Restored',
  'partner.invite': 'Invitation sent',
  'partner.resendInvitation': 'Invitation re-sent',
  'partner.revokeInvitation': 'Invitation withdrawn',
  'partner.createAdmin': 'Admin login created',
  'partner.claim': 'Claimed',
  'partner.acceptIntoExisting': 'Connected to an existing organization',
  'partner.declineInvitation': 'Invitation declined',
  'partner.vehiclesAssigned': 'Vehicles assigned',
  'partner.vehiclesUnassigned': 'Vehicles taken back',
  'vehicle.created': 'Created',
  'vehicle.updated': 'Details changed',
  'vehicle.archived': 'Archived',
  'vehicle.restored': 'Restored',
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

/** The label of an audit action, falling back to the raw action name. */
export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * The changed fields of an audit event as lines "field: before → after". Events store changes as
 * `{ field: { from, to } }`; anything else is shown as it is.
 */
export function describeChanges(changes: unknown): string[] {
  if (!changes || typeof changes !== 'object') return [];
  return Object.entries(changes as Record<string, unknown>).map(([field, change]) => {
    if (change && typeof change === 'object' && ('from' in change || 'to' in change)) {
      const { from, to } = change as { from?: unknown; to?: unknown };
      return `${field}: ${show(from)} → ${show(to)}`;
    }
    return `${field}: ${show(change)}`;
  });
}
