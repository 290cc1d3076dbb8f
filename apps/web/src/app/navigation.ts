import type { Permission } from '@partner-hub/domain';

/** One entry of the side menu. */
export type NavItem = {
  key: string;
  path: string;
  label: string;
  /** Shown only when the viewer holds this permission (the API enforces it regardless). */
  permission: Permission;
  /** Shown only when the development mail outbox is on (no SMTP_URL). */
  requiresMailOutbox?: boolean;
};

/**
 * The app's sections in menu order. Partner-network sections need `partners:read`; vehicles need
 * `vehicles:read` (a technician's too: it sees those of its job grants); jobs need `jobs:read`; what
 * every signed-in identity can open (the dashboard, settings, the explorer) needs only `self:read`.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'dashboard', path: '/dashboard', label: 'Dashboard', permission: 'self:read' },
  { key: 'partners', path: '/partners', label: 'Partners', permission: 'partners:read' },
  { key: 'service-partners', path: '/service-partners', label: 'Service partners', permission: 'partners:read' },
  { key: 'owners', path: '/owners', label: 'Owners', permission: 'owners:read' },
  { key: 'vehicles', path: '/vehicles', label: 'Vehicles', permission: 'vehicles:read' },
  { key: 'jobs', path: '/jobs', label: 'Jobs', permission: 'jobs:read' },
  { key: 'pricing', path: '/pricing', label: 'Pricing', permission: 'partners:read' },
  { key: 'settings', path: '/settings', label: 'Settings', permission: 'self:read' },
  { key: 'explorer', path: '/explorer', label: 'GraphQL explorer', permission: 'self:read' },
  { key: 'mailbox', path: '/mailbox', label: 'Mailbox', permission: 'mailbox:read', requiresMailOutbox: true },
];

export type NavContext = {
  permissions: readonly string[];
  mailOutboxEnabled: boolean;
};

/** The menu entries the viewer may see. */
export function visibleNavItems({ permissions, mailOutboxEnabled }: NavContext): NavItem[] {
  return NAV_ITEMS.filter(
    (item) => permissions.includes(item.permission) && (!item.requiresMailOutbox || mailOutboxEnabled),
  );
}

/** The menu entry a path belongs to (longest matching prefix), for highlighting. */
export function navKeyForPath(pathname: string): string | undefined {
  return NAV_ITEMS.find((item) => pathname === item.path || pathname.startsWith(`${item.path}/`))?.key;
}
