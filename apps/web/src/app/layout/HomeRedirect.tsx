import { Navigate } from 'react-router';
import { useViewer } from '../../modules/auth/hooks/viewer-context';

/** Where `/` leads: a technician's work is its jobs; everyone else starts at the dashboard. */
export function homePathFor(role: string): string {
  return role === 'TECHNICIAN' ? '/jobs' : '/dashboard';
}

/** The index route: sends the viewer to its home section. */
export function HomeRedirect() {
  return <Navigate to={homePathFor(useViewer().role)} replace />;
}
