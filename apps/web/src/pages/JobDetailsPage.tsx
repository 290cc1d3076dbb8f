import { Navigate, useParams } from 'react-router';
import { JobDetails } from '../modules/jobs/details/JobDetails';

/** /jobs/:id — one job: status, actions, vehicle and configuration, history. */
export function JobDetailsPage() {
  const { id } = useParams();
  if (!id) return <Navigate to="/jobs" replace />;
  return <JobDetails key={id} id={id} />;
}
