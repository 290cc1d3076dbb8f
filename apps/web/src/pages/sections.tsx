import { ComingSoonPage } from './ComingSoonPage';

/** /jobs */
export function JobsPage() {
  return (
    <ComingSoonPage
      title="Jobs"
      purpose="Installation and maintenance jobs, from assignment to completion, with CSV import and export."
    />
  );
}

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
