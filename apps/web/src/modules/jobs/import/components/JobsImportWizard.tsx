import { useRef, useState } from 'react';
import { Checkbox, Flex, Progress, Typography } from 'antd';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { JOBS_IMPORT_LIMITS, JOB_IMPORT_COLUMNS } from '@partner-hub/domain';
import { StartJobsImportDocument, ValidateJobsImportDocument } from '@partner-hub/graphql-client';
import type { ImportBatchProgressFieldsFragment, JobsImportReportFieldsFragment } from '@partner-hub/graphql-client';
import { CsvImportWizard } from '../../../import/components/CsvImportWizard';
import type { CsvImportCommitOutcome, CsvImportFile, CsvImportStepContext } from '../../../import/components/CsvImportWizard';
import { formatFileSize } from '../../../import/utils/read-csv-file';
import { uploadCsvFile } from '../../../import/utils/upload-file';
import { followImportBatch } from '../utils/follow-import-batch';
import { JobsImportReportView } from './JobsImportReportView';


/** The report of an import that ended FAILED: its problems, shown like a dry run's. */
function failedReport(batch: ImportBatchProgressFieldsFragment): JobsImportReportFieldsFragment {
  return {
    __typename: 'JobsImportReport',
    fileName: batch.fileName,
    rowCount: batch.rowCount,
    valid: false,
    problemCount: batch.problemCount,
    warningCount: 0,
    problems: batch.problems,
    warnings: [],
    counts: { __typename: 'JobsImportCounts', jobs: 0, assigned: 0, pending: 0, installation: 0, maintenance: 0, fromTemplate: 0 },
    preview: [],
  };
}

/**
 * /jobs/import — the jobs.csv import (DESIGN.md §4) on the shared CSV wizard: the file is uploaded
 * as it is (with upload progress) and checked by the server's dry run — problems, warnings, counts,
 * the first 200 jobs; "prefer template data" is chosen before the check. The import runs in the
 * background on the server: the bar follows the `importBatchProgress` subscription's row counts to
 * the end, then links to the jobs list filtered by the batch. Only counted progress is shown as a
 * bar (bytes uploaded, rows imported); the dry run, which reports nothing, is named while it runs.
 */
export function JobsImportWizard() {
  const client = useApolloClient();
  const [startJobsImport] = useMutation(StartJobsImportDocument, { refetchQueries: ['ImportBatches'] });
  const [preferTemplate, setPreferTemplate] = useState(false);
  // the check uploads the file once; the import names the same upload
  const uploads = useRef(new WeakMap<File, string>());

  const uploadOf = async (file: File, fileName: string, onSent?: (share: number) => void): Promise<string> => {
    const known = uploads.current.get(file);
    if (known) return known;
    const uploadId = await uploadCsvFile(file, fileName, onSent);
    uploads.current.set(file, uploadId);
    return uploadId;
  };

  const handleValidate = async ({ fileName }: CsvImportFile, { file, onProgress }: CsvImportStepContext): Promise<JobsImportReportFieldsFragment> => {
    const uploadId = await uploadOf(file, fileName, (share) => {
      const sent = Math.round(share * file.size);
      onProgress({ phase: 'Upload', label: `Uploading ${fileName}: ${formatFileSize(sent)} of ${formatFileSize(file.size)}`, done: sent, total: file.size });
    });
    // the dry run reports nothing until it answers
    onProgress({ phase: 'Check', label: `Checking ${fileName} on the server…` });
    const { data } = await client.query({ query: ValidateJobsImportDocument, variables: { input: { uploadId, preferTemplate } }, fetchPolicy: 'no-cache' });
    if (!data) throw new Error('The check returned no result.');
    return data.validateJobsImport;
  };

  const handleCommit = async (
    { fileName }: CsvImportFile,
    { file, onProgress }: CsvImportStepContext,
  ): Promise<CsvImportCommitOutcome<JobsImportReportFieldsFragment, ImportBatchProgressFieldsFragment>> => {
    const uploadId = await uploadOf(file, fileName);
    onProgress({ phase: 'Import', label: 'Starting the import…' });
    const { data } = await startJobsImport({ variables: { input: { uploadId, preferTemplate } } });
    const started = data?.startJobsImport;
    if (started?.__typename !== 'JobsImportStarted') return { kind: 'error', message: started?.message ?? 'The import did not start.' };
    const ended = await followImportBatch(client, started.batch, (batch) => {
      const total = batch.rowCount;
      if (total > 0) onProgress({ phase: 'Import', label: `${batch.processedRows.toLocaleString()} of ${total.toLocaleString()} rows imported`, done: batch.processedRows, total });
    });
    if (ended.status === 'SUCCEEDED') return { kind: 'done', result: ended };
    return {
      kind: 'invalid',
      report: failedReport(ended),
      message: `The file has ${ended.problemCount.toLocaleString()} problem(s): nothing was imported. Fix them and import again.`,
    };
  };

  return (
    <CsvImportWizard
      fileLabel="jobs"
      hint={<>Columns: {JOB_IMPORT_COLUMNS.join(', ')}, and any setting.&lt;name&gt; — vin or license_plate, and kind, are required.</>}
      limits={JOBS_IMPORT_LIMITS}
      options={
        <Checkbox checked={preferTemplate} onChange={(event) => setPreferTemplate(event.target.checked)}>
          Prefer template data (where a row names a template, the template&apos;s values win over the row&apos;s)
        </Checkbox>
      }
      validate={handleValidate}
      commit={handleCommit}
      importCount={(report) => report.counts.jobs}
      noun="job"
      renderReport={(report) => <JobsImportReportView report={report} preferTemplate={preferTemplate} />}
      done={(batch) => ({
        title: `Imported ${batch.createdCount.toLocaleString()} job(s)`,
        subTitle: `${batch.fileName}: ${batch.rowCount.toLocaleString()} row(s), imported by ${batch.createdByLabel}.`,
        details: (
          <Flex vertical align="center" gap={4}>
            <Progress percent={batch.rowCount > 0 ? Math.round((batch.processedRows / batch.rowCount) * 100) : 100} aria-label="Import progress" style={{ maxWidth: 480 }} />
            <Typography.Text type="secondary">{`${batch.processedRows.toLocaleString()} of ${batch.rowCount.toLocaleString()} rows imported`}</Typography.Text>
          </Flex>
        ),
        link: { to: `/jobs?importBatchId=${encodeURIComponent(batch.id)}`, label: 'Show the imported jobs' },
      })}
    />
  );
}
