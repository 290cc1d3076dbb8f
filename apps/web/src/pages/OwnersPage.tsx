import { Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '@partner-hub/ui';
import { useCan } from '../modules/auth/hooks/viewer-context';
import { CreateOwnerDialog } from '../modules/owners/components/CreateOwnerDialog';
import { ExportOwnersButton } from '../modules/owners/components/ExportOwnersButton';
import { OwnerList } from '../modules/owners/components/OwnerList';
import { readOwnerListParams, toOwnerFilter, toOwnerOrder } from '../modules/owners/utils/list-params';

/**
 * /owners — the owners list (search, archived filter and order in the URL), "Export CSV" of
 * exactly the view, and the "New owner" dialog (principal writers), which `?new=1` opens.
 */
export function OwnersPage() {
  const canWrite = useCan('owners:write');
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const listState = readOwnerListParams(searchParams);
  const creating = canWrite && searchParams.get('new') === '1';

  const setCreating = (open: boolean) => {
    const next = new URLSearchParams(searchParams);
    if (open) next.set('new', '1');
    else next.delete('new');
    setSearchParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Owners"
        subtitle="The people who own or use the vehicles, and the vehicles each one has access to."
        extra={
          <>
            <ExportOwnersButton filter={toOwnerFilter(listState)} orderBy={toOwnerOrder(listState)} />
            {canWrite ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                New owner
              </Button>
            ) : null}
          </>
        }
      />
      <OwnerList />
      {canWrite ? (
        <CreateOwnerDialog
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(id) => void navigate(`/owners/${id}`)}
        />
      ) : null}
    </>
  );
}
