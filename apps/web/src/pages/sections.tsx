import { ComingSoonPage } from './ComingSoonPage';

/** /dashboard */
export function DashboardPage() {
  return (
    <ComingSoonPage
      title="Dashboard"
      purpose="Live job progress: counts per status, progress per service partner and import batch, overdue jobs."
    />
  );
}

/** /pricing */
export function PricingPage() {
  return <ComingSoonPage title="Pricing" purpose="Pricing plans and the prices partners charge for each job template." />;
}
