import { createContext, useContext } from 'react';
import type { ViewerFieldsFragment } from '@partner-hub/graphql-client';
import type { Permission } from '@partner-hub/domain';

/** The signed-in identity, provided by the route guard to everything inside the app shell. */
export const ViewerContext = createContext<ViewerFieldsFragment | null>(null);

/** The signed-in viewer. Only valid inside the app shell (the guard renders nothing else). */
export function useViewer(): ViewerFieldsFragment {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer() used outside the signed-in app shell');
  return viewer;
}

/** Whether the viewer holds `permission`. The API enforces; the UI only hides what it would refuse. */
export function hasPermission(viewer: Pick<ViewerFieldsFragment, 'permissions'>, permission: Permission): boolean {
  return viewer.permissions.includes(permission);
}

/** Whether the signed-in viewer holds `permission`. */
export function useCan(permission: Permission): boolean {
  return hasPermission(useViewer(), permission);
}
