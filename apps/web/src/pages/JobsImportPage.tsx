import { Result } from 'antd';
import { PageHeader } from '@partner-hub/ui';
import { useCan, useViewer } from '../modules/auth/hooks/viewer-context';
import { ImportBatchesList } from '../modules/import/components/ImportBatchesList';
import { JobsImportWizard } from '../modules/jobs/import/components/JobsImportWizard';

/** /jobs/import — the jobs.csv import wizard and the job imports run so far (principal admins and managers). */
export function JobsImportPage() {
  const viewer = useViewer();
  const canWrite = useCan('jobs:write');
  const allowed = canWrite && viewer.organization.kind === 'PRINCIPAL';
  return (
    <>
      <PageHeader title="Import jobs" />
      {allowed ? (
        <>
          <JobsImportWizard />
          <ImportBatchesList kind="JOBS" noun="job" listPath="/jobs" />
        </>
      ) : (
        <Result status="403" title="Not available to your role" subTitle="Jobs are imported by the principal's admins and managers." />
      )}
    </>
  );
}
