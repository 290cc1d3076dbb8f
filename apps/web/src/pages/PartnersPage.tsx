import { Button, Segmented } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isPartnerRole } from '@partner-hub/domain';
import { PageHeader } from '@partner-hub/ui';
import { useCan, useViewer } from '../modules/auth/hooks/viewer-context';
import { ExportPartnersButton } from '../modules/partners/export/ExportPartnersButton';
import { CreatePartnerDialog } from '../modules/partners/components/CreatePartnerDialog';
import { PartnerList } from '../modules/partners/components/PartnerList';
import { PartnerTree } from '../modules/partners/components/PartnerTree';
import { readListParams, toPartnerFilter, toPartnerOrder } from '../modules/partners/utils/list-params';

type PartnersView = 'list' | 'tree';

/**
 * /partners — the partners list (search, filters, sorting in the URL) or the sub-partner tree,
 * "Export CSV" of exactly the view, "Import CSV" (principal staff), and the "Add partner"
 * dialog, which a link opens with `?new=1` (optionally `&parent=…&role=…`).
 */
export function PartnersPage() {
  const canWrite = useCan('partners:write');
  const viewer = useViewer();
  const canImport = canWrite && viewer.organization.kind === 'PRINCIPAL';
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const view: PartnersView = searchParams.get('view') === 'tree' ? 'tree' : 'list';
  const creating = canWrite && searchParams.get('new') === '1';
  const presetRole = searchParams.get('role');
  const listState = readListParams(searchParams);

  const update = (change: (params: URLSearchParams) => void) => {
    const next = new URLSearchParams(searchParams);
    change(next);
    setSearchParams(next, { replace: true });
  };
  const handleViewChange = (value: PartnersView) =>
    update((params) => (value === 'tree' ? params.set('view', 'tree') : params.delete('view')));
  const handleOpenCreate = () => update((params) => params.set('new', '1'));
  const handleCloseCreate = () =>
    update((params) => {
      params.delete('new');
      params.delete('parent');
    });

  return (
    <>
      <PageHeader
        title="Partners"
        subtitle="Dealers, service partners and OEMs, with their sub-partner trees."
        extra={
          <>
            <ExportPartnersButton filter={toPartnerFilter(listState)} orderBy={toPartnerOrder(listState)} />
            {canImport ? (
              <Link to="/partners/import">
                <Button icon={<UploadOutlined />}>Import CSV</Button>
              </Link>
            ) : null}
            {canWrite ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={handleOpenCreate}>
                Add partner
              </Button>
            ) : null}
          </>
        }
      />
      <Segmented<PartnersView>
        aria-label="View"
        value={view}
        onChange={handleViewChange}
        options={[
          { value: 'list', label: 'List' },
          { value: 'tree', label: 'Tree' },
        ]}
        style={{ marginBottom: 16 }}
      />
      {/* the route's loader fetches the list as the page's code loads (routes.tsx) */}
      {view === 'tree' ? <PartnerTree /> : <PartnerList fetchedByRoute />}
      {canWrite ? (
        <CreatePartnerDialog
          key={`${searchParams.get('parent') ?? ''}:${presetRole ?? ''}:${creating}`}
          open={creating}
          presetParent={searchParams.get('parent') ?? undefined}
          presetRole={isPartnerRole(presetRole) ? presetRole : undefined}
          onClose={handleCloseCreate}
          onCreated={(id) => void navigate(`/partners/${id}`)}
        />
      ) : null}
    </>
  );
}
