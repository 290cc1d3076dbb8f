import { Navigate, useParams } from 'react-router';
import { VehicleDetails } from '../modules/vehicles/details/components/VehicleDetails';

/** /vehicles/:id and /vehicles/:id/:tab — one vehicle with its details, owners, partners, access and history. */
export function VehicleDetailsPage() {
  const { id, tab = 'details' } = useParams();
  if (!id) return <Navigate to="/vehicles" replace />;
  // a new vehicle id starts from a fresh component (forms and dialogs keep no state of the previous one)
  return <VehicleDetails key={id} id={id} tab={tab} />;
}
