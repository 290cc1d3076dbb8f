import { Result } from 'antd';
import { PageHeader } from '@partner-hub/ui';
import { useCan, useViewer } from '../modules/auth/hooks/viewer-context';
import { ImportBatchesList } from '../modules/import/components/ImportBatchesList';
import { PartnersImportWizard } from '../modules/partners/import/components/PartnersImportWizard';

/** /partners/import — the partners.csv import wizard and the imports run so far (principal staff who manage partners). */
export function PartnersImportPage() {
  const viewer = useViewer();
  const canWrite = useCan('partners:write');
  const allowed = canWrite && viewer.organization.kind === 'PRINCIPAL';
  return (
    <>
      <PageHeader title="Import partners" />
      {allowed ? (
        <>
          <PartnersImportWizard />
          <ImportBatchesList kind="PARTNERS" noun="partner" listPath="/partners" />
        </>
      ) : (
        <Result status="403" title="Not available to your role" subTitle="Partners are imported by the principal's admins and managers." />
      )}
    </>
  );
}
