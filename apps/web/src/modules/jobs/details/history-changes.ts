/** One changed field of a history event, as people read it. */
export type HistoryChange = { label: string; from: string | null; to: string | null };

const LABELS: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  instructions: 'Instructions',
  scheduledFor: 'Scheduled for',
  deviceSerial: 'Device serial',
  deviceModel: 'Device model',
  firmware: 'Firmware',
  installationVariant: 'Installation variant',
  centralLockConnectionType: 'Central lock connection',
  fuelType: 'Fuel type',
};

const text = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : String(value));

/**
 * A history event's `changes` (`{ field: { from, to } }`: a configuration override, an edit) as
 * labelled old → new pairs. A configuration field reads the same whether an override
 * (`firmware`) or an edit (`configuration.firmware`) changed it; `setting.<name>` is a named setting.
 */
export function describeChanges(changes: Record<string, unknown> | null | undefined): HistoryChange[] {
  if (!changes) return [];
  return Object.entries(changes).map(([key, change]) => {
    const field = key.replace(/^configuration\./, '');
    const label = field.startsWith('setting.') ? `Setting ${field.slice('setting.'.length)}` : (LABELS[field] ?? field);
    const { from, to } = (change ?? {}) as { from?: unknown; to?: unknown };
    return { label, from: text(from), to: text(to) };
  });
}
