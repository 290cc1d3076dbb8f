import { Navigate, useParams } from 'react-router';
import { PartnerDetails } from '../modules/partners/details/components/PartnerDetails';

/** /partners/:id and /partners/:id/:tab — one partner with its profile, agreement, settings, tree, vehicles, users and history. */
export function PartnerDetailsPage() {
  const { id, tab = 'profile' } = useParams();
  if (!id) return <Navigate to="/partners" replace />;
  // a new partner id starts from a fresh component (forms and dialogs keep no state of the previous one)
  return <PartnerDetails key={id} id={id} tab={tab} />;
}
