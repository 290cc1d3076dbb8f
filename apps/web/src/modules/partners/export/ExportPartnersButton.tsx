import { useState } from 'react';
import { App as AntApp, Button } from 'antd';
import type { ButtonProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useApolloClient } from '@apollo/client/react';
import { PartnersCsvDocument } from '@partner-hub/graphql-client';
import type { PartnerCsvColumn, PartnerFilter, PartnerOrder } from '@partner-hub/graphql-client';
import { describeError } from '../../shared/utils/errors';
import { downloadTextFile, localDateStamp } from '../../shared/utils/download';

export type ExportPartnersButtonProps = {
  /** the list's filter, exactly as the list query gets it */
  filter?: PartnerFilter | null;
  /** the list's order */
  orderBy?: PartnerOrder | null;
  /** the columns in view, in order; every column when omitted */
  columns?: PartnerCsvColumn[] | null;
  size?: ButtonProps['size'];
};

/**
 * "Export CSV" for the partners list: the server writes every partner of the current view (all
 * pages, same filter and order) as CSV in partners.csv's column names; the browser saves it as
 * `partners-YYYY-MM-DD.csv`.
 */
export function ExportPartnersButton({ filter, orderBy, columns, size }: ExportPartnersButtonProps) {
  const client = useApolloClient();
  const { notification } = AntApp.useApp();
  const [exporting, setExporting] = useState(false);

  const handleExport = async () => {
    setExporting(true);
    try {
      const { data } = await client.query({
        query: PartnersCsvDocument,
        variables: { filter: filter ?? null, orderBy: orderBy ?? null, columns: columns ?? null },
        fetchPolicy: 'no-cache',
      });
      if (data) downloadTextFile(`\uFEFF${data.partnersCsv}`, `partners-${localDateStamp()}.csv`);
    } catch (exportError) {
      notification.error({ title: 'Could not export the partners', description: describeError(exportError) });
    } finally {
      setExporting(false);
    }
  };

  return (
    <Button icon={<DownloadOutlined />} size={size} loading={exporting} onClick={() => void handleExport()}>
      Export CSV
    </Button>
  );
}
