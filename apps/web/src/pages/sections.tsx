import { ComingSoonPage } from './ComingSoonPage';

/** /pricing */
export function PricingPage() {
  return <ComingSoonPage title="Pricing" purpose="Pricing plans and the prices partners charge for each job template." />;
}
