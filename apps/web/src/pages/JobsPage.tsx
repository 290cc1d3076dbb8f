import { Button, Space } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '@partner-hub/ui';
import { useCan, useViewer } from '../modules/auth/hooks/viewer-context';
import { CreateJobDialog } from '../modules/jobs/components/CreateJobDialog';
import { JobList } from '../modules/jobs/components/JobList';
import { templateForNewJob } from '../modules/jobs/templates/template-params';
import { readJobListParams } from '../modules/jobs/utils/list-params';

/**
 * /jobs — installation and maintenance jobs (tab, filters and order in the URL): all of the
 * principal's, or those assigned to the viewer's organization; the "New job" dialog (principal
 * writers), which a link opens with `?new=1` (`&template=<id>`: starting from that template);
 * "Import CSV" (principal writers) leads to /jobs/import.
 */
export function JobsPage() {
  const canWrite = useCan('jobs:write');
  const isPrincipal = useViewer().organization.kind === 'PRINCIPAL';
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const creating = canWrite && searchParams.get('new') === '1';

  const setCreating = (open: boolean) => {
    const next = new URLSearchParams(searchParams);
    if (open) next.set('new', '1');
    else {
      next.delete('new');
      next.delete('template');
      next.delete('copyOf');
    }
    setSearchParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Jobs"
        subtitle={
          isPrincipal
            ? 'Installation and maintenance jobs on your vehicles, from creation to completion.'
            : "Your organization's assigned jobs: open one to start it and report the result."
        }
        extra={
          canWrite ? (
            <Space wrap>
              {isPrincipal ? (
                <Link to="/jobs/import">
                  <Button icon={<UploadOutlined />}>Import CSV</Button>
                </Link>
              ) : null}
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                New job
              </Button>
            </Space>
          ) : null
        }
      />
      <JobList />
      {canWrite ? (
        <CreateJobDialog
          open={creating}
          kind={readJobListParams(searchParams).kind}
          templateId={templateForNewJob(searchParams)}
          copyOf={searchParams.get('copyOf')}
          onClose={() => setCreating(false)}
          onCreated={(id) => void navigate(`/jobs/${id}`)}
        />
      ) : null}
    </>
  );
}
