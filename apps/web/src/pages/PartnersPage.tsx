import type { ReactNode } from 'react';
import { Button, Segmented } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { isPartnerRole } from '@partner-hub/domain';
import type { PartnerFilter, PartnerOrder } from '@partner-hub/graphql-client';
import { PageHeader } from '@partner-hub/ui';
import { useCan } from '../modules/auth/hooks/viewer-context';
import { CreatePartnerDialog } from '../modules/partners/components/CreatePartnerDialog';
import { PartnerList } from '../modules/partners/components/PartnerList';
import { PartnerTree } from '../modules/partners/components/PartnerTree';
import { readListParams, toPartnerFilter, toPartnerOrder } from '../modules/partners/utils/list-params';

type PartnersView = 'list' | 'tree';

/** What the list shows right now (from the URL), for toolbar actions such as "Export CSV". */
export type PartnersListView = { filter: PartnerFilter; orderBy: PartnerOrder };

export type PartnersPageProps = {
  /**
   * More toolbar actions, shown before "Add partner" (the place for "Export CSV" and "Import CSV").
   * A function receives the filter and order in view, so an export can match the list.
   */
  toolbarExtra?: ReactNode | ((view: PartnersListView) => ReactNode);
};

/**
 * /partners — the partners list (search, filters, sorting in the URL) or the sub-partner tree,
 * and the "Add partner" dialog, which a link opens with `?new=1` (optionally `&parent=…&role=…`).
 */
export function PartnersPage({ toolbarExtra }: PartnersPageProps) {
  const canWrite = useCan('partners:write');
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const view: PartnersView = searchParams.get('view') === 'tree' ? 'tree' : 'list';
  const creating = canWrite && searchParams.get('new') === '1';
  const presetRole = searchParams.get('role');
  const listState = readListParams(searchParams);
  const extra =
    typeof toolbarExtra === 'function'
      ? toolbarExtra({ filter: toPartnerFilter(listState), orderBy: toPartnerOrder(listState) })
      : toolbarExtra;

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
            {extra}
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
      {view === 'tree' ? <PartnerTree /> : <PartnerList />}
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
