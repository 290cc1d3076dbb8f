import { useState } from 'react';
import { App as AntApp, Button } from 'antd';
import type { ButtonProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useApolloClient } from '@apollo/client/react';
import { VehiclesCsvDocument } from '@partner-hub/graphql-client';
import type { VehicleFilter, VehicleOrder } from '@partner-hub/graphql-client';
import { describeError } from '../../shared/utils/errors';
import { downloadTextFile, localDateStamp } from '../../shared/utils/download';

export type ExportVehiclesButtonProps = {
  /** the vehicles list's filter, exactly as the list query gets it (`vehicles(filter:)`) */
  filter?: VehicleFilter | null;
  /** the list's order (`vehicles(orderBy:)`); newest first when omitted, as the list */
  orderBy?: VehicleOrder | null;
  size?: ButtonProps['size'];
};

/**
 * "Export CSV" for the vehicles list: the server writes every vehicle of the current view (all
 * pages, same filter and order) in exactly the columns of vehicles.csv — so the file imports
 * again — and the browser saves it as `vehicles-YYYY-MM-DD.csv` (with a BOM for spreadsheets).
 */
export function ExportVehiclesButton({ filter, orderBy, size }: ExportVehiclesButtonProps) {
  const client = useApolloClient();
  const { notification } = AntApp.useApp();
  const [exporting, setExporting] = useState(false);

  const handleExport = async () => {
    setExporting(true);
    try {
      const { data } = await client.query({
        query: VehiclesCsvDocument,
        variables: { filter: filter ?? null, orderBy: orderBy ?? null },
        fetchPolicy: 'no-cache',
      });
      if (data) downloadTextFile(`\uFEFF${data.vehiclesCsv}`, `vehicles-${localDateStamp()}.csv`);
    } catch (exportError) {
      notification.error({ title: 'Could not export the vehicles', description: describeError(exportError) });
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
