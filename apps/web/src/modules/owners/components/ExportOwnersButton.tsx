import { useState } from 'react';
import { App as AntApp, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useApolloClient } from '@apollo/client/react';
import { OwnersCsvDocument } from '@partner-hub/graphql-client';
import type { OwnerFilter, OwnerOrder } from '@partner-hub/graphql-client';
import { describeError } from '../../shared/utils/errors';
import { downloadTextFile, localDateStamp } from '../../shared/utils/download';

export type ExportOwnersButtonProps = {
  /** the list's filter, exactly as the list query gets it */
  filter: OwnerFilter;
  /** the list's order */
  orderBy: OwnerOrder;
};

/**
 * "Export CSV" for the owners list: the server writes every owner of the current view (all pages,
 * same filter and order); the private annotation's columns only for the principal's own staff.
 * The browser saves it as `owners-YYYY-MM-DD.csv`.
 */
export function ExportOwnersButton({ filter, orderBy }: ExportOwnersButtonProps) {
  const client = useApolloClient();
  const { notification } = AntApp.useApp();
  const [exporting, setExporting] = useState(false);

  const handleExport = async () => {
    setExporting(true);
    try {
      const { data } = await client.query({
        query: OwnersCsvDocument,
        variables: { filter, orderBy },
        fetchPolicy: 'no-cache',
      });
      if (data) downloadTextFile(`\uFEFF${data.ownersCsv}`, `owners-${localDateStamp()}.csv`);
    } catch (exportError) {
      notification.error({ title: 'Could not export the owners', description: describeError(exportError) });
    } finally {
      setExporting(false);
    }
  };

  return (
    <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void handleExport()}>
      Export CSV
    </Button>
  );
}
