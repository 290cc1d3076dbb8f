import { Navigate, useParams } from 'react-router';
import { OwnerDetails } from '../modules/owners/details/components/OwnerDetails';

/** /owners/:id and /owners/:id/:tab — one owner with its basic data, private annotation, vehicles and history. */
export function OwnerDetailsPage() {
  const { id, tab = 'overview' } = useParams();
  if (!id) return <Navigate to="/owners" replace />;
  // a new owner id starts from a fresh component (forms and dialogs keep no state of the previous one)
  return <OwnerDetails key={id} id={id} tab={tab} />;
}
