import { Button } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '@partner-hub/ui';
import { useCan } from '../modules/auth/hooks/viewer-context';
import { CreateVehicleDialog } from '../modules/vehicles/components/CreateVehicleDialog';
import { VehicleList } from '../modules/vehicles/components/VehicleList';
import { ExportVehiclesButton } from '../modules/vehicles/export/ExportVehiclesButton';
import { readVehicleListParams, toVehicleFilter, toVehicleOrder } from '../modules/vehicles/utils/list-params';

/**
 * /vehicles — the vehicles the viewer may see (search, filters and order in the URL), bulk
 * assignment to partners, "Export CSV" of exactly the view, "Import CSV" (principal writers),
 * and the "New vehicle" dialog, which a link opens with `?new=1`.
 */
export function VehiclesPage() {
  const canWrite = useCan('vehicles:write');
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const creating = canWrite && searchParams.get('new') === '1';
  const listState = readVehicleListParams(searchParams);

  const setCreating = (open: boolean) => {
    const next = new URLSearchParams(searchParams);
    if (open) next.set('new', '1');
    else next.delete('new');
    setSearchParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Vehicles"
        subtitle="Vehicles with their telematics units, the partners they are assigned to, and who may access each one and why."
        extra={
          <>
            <ExportVehiclesButton filter={toVehicleFilter(listState)} orderBy={toVehicleOrder(listState)} />
            {canWrite ? (
              <Link to="/vehicles/import">
                <Button icon={<UploadOutlined />}>Import CSV</Button>
              </Link>
            ) : null}
            {canWrite ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                New vehicle
              </Button>
            ) : null}
          </>
        }
      />
      <VehicleList />
      {canWrite ? (
        <CreateVehicleDialog
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(id) => void navigate(`/vehicles/${id}`)}
        />
      ) : null}
    </>
  );
}
