import { Result } from 'antd';
import { PageHeader } from '@partner-hub/ui';
import { useCan, useViewer } from '../modules/auth/hooks/viewer-context';
import { ImportBatchesList } from '../modules/import/components/ImportBatchesList';
import { VehiclesImportWizard } from '../modules/vehicles/import/components/VehiclesImportWizard';

/** /vehicles/import — the vehicles.csv import wizard and the vehicle imports run so far (principal admins and managers). */
export function VehiclesImportPage() {
  const viewer = useViewer();
  const canWrite = useCan('vehicles:write');
  const allowed = canWrite && viewer.organization.kind === 'PRINCIPAL';
  return (
    <>
      <PageHeader title="Import vehicles" />
      {allowed ? (
        <>
          <VehiclesImportWizard />
          <ImportBatchesList kind="VEHICLES" noun="vehicle" listPath="/vehicles" />
        </>
      ) : (
        <Result status="403" title="Not available to your role" subTitle="Vehicles are imported by the principal's admins and managers." />
      )}
    </>
  );
}
