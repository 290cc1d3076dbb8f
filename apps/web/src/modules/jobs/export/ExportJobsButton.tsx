import { useState } from 'react';
import { App as AntApp, Button } from 'antd';
import type { ButtonProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { JobFilter, JobOrder } from '@partner-hub/graphql-client';
import { downloadBlob, localDateStamp } from '../../shared/utils/download';

export type ExportJobsButtonProps = {
  /** the jobs list's filter, exactly as the list query gets it (`jobs(filter:)`) */
  filter?: JobFilter | null;
  /** the list's order (`jobs(orderBy:)`); newest first when omitted, as the list */
  orderBy?: JobOrder | null;
  size?: ButtonProps['size'];
};

/** The address of the streamed export of a jobs view (`GET /exports/jobs.csv`, the API's jobs-export.route.ts). */
export function jobsExportUrl(filter?: JobFilter | null, orderBy?: JobOrder | null): string {
  const params = new URLSearchParams();
  if (filter) params.set('filter', JSON.stringify(filter));
  if (orderBy) params.set('orderBy', JSON.stringify(orderBy));
  const query = params.toString();
  return `/exports/jobs.csv${query ? `?${query}` : ''}`;
}

/** The server's sentence for a refused export (`{ error: { message } }`), or a general one. */
async function refusalOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not JSON: fall through to the status
  }
  return `The server answered ${response.status}. Please try again.`;
}

/**
 * "Export CSV" for the jobs list: every job of the current view (all pages, same filter and
 * order) in the columns of jobs.csv plus job_id, status, service_partner and created_at (which the
 * import ignores). The server streams the file — a principal may have a million jobs — and the
 * browser saves it as `jobs-YYYY-MM-DD.csv`; a refusal (bad filter, signed out) is shown instead.
 */
export function ExportJobsButton({ filter, orderBy, size }: ExportJobsButtonProps) {
  const { notification } = AntApp.useApp();
  const [exporting, setExporting] = useState(false);

  const handleExport = async () => {
    setExporting(true);
    try {
      const response = await fetch(jobsExportUrl(filter, orderBy), { credentials: 'same-origin', headers: { accept: 'text/csv' } });
      if (!response.ok) {
        notification.error({ title: 'Could not export the jobs', description: await refusalOf(response) });
        return;
      }
      downloadBlob(await response.blob(), `jobs-${localDateStamp()}.csv`);
    } catch (failure) {
      notification.error({ title: 'Could not export the jobs', description: failure instanceof Error ? failure.message : String(failure) });
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
