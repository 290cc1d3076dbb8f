import { useState } from 'react';
import { Alert, Button, Card, Flex, Progress, Result, Steps, Typography, Upload } from 'antd';
import { FileTextOutlined, InboxOutlined } from '@ant-design/icons';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { useNavigate } from 'react-router';
import { IMPORT_LIMITS, PARTNER_IMPORT_COLUMNS } from '@partner-hub/domain';
import { ImportPartnersDocument, ValidatePartnersImportDocument } from '@partner-hub/graphql-client';
import type { ImportBatchFieldsFragment, PartnersImportReportFieldsFragment } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { describeError } from '../../../shared/utils/errors';
import { useEstimatedProgress } from '../hooks/use-estimated-progress';
import { formatFileSize, readCsvFile } from '../utils/read-csv-file';
import { ImportReportView } from './ImportReportView';

type ChosenFile = { name: string; size: number; text: string };

type Stage = 'choose' | 'report' | 'importing' | 'done';

const STEP_OF: Record<Stage, number> = { choose: 0, report: 1, importing: 2, done: 3 };

/** A rough time per row of a commit, for the progress estimate (measured: 10,000 rows in ~5 s on a busy 2-core machine). */
const EXPECTED_MS_PER_ROW = 0.6;

/**
 * /partners/import — the partners.csv import (DESIGN.md §4) in four steps: choose a file (read
 * as UTF-8 in the browser), check it (the server's dry run: problems by line and column, what
 * would be created), import (all rows or none, with progress), done (a link to the new partners).
 */
export function PartnersImportWizard() {
  const client = useApolloClient();
  const navigate = useNavigate();
  const [importPartners] = useMutation(ImportPartnersDocument, { refetchQueries: ['ImportBatches'] });
  const [stage, setStage] = useState<Stage>('choose');
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<PartnersImportReportFieldsFragment | null>(null);
  const [batch, setBatch] = useState<ImportBatchFieldsFragment | null>(null);
  // a dry run reads the file and two sets of Partner IDs; a commit writes every row
  const expectedMs = stage === 'importing' ? 800 + (report?.rowCount ?? 0) * EXPECTED_MS_PER_ROW : 500 + (file?.size ?? 0) / 200;
  const progress = useEstimatedProgress(stage === 'importing' || checking, expectedMs);

  const handleChoose = async (chosen: File) => {
    setError(null);
    setReport(null);
    const read = await readCsvFile(chosen);
    if (read.ok) {
      setFile({ name: chosen.name, size: chosen.size, text: read.text });
      setFileError(null);
    } else {
      setFile(null);
      setFileError(read.message);
    }
  };

  const handleValidate = async () => {
    if (!file) return;
    setChecking(true);
    setError(null);
    try {
      const { data } = await client.query({
        query: ValidatePartnersImportDocument,
        variables: { input: { fileName: file.name, content: file.text } },
        fetchPolicy: 'no-cache',
      });
      if (data) {
        setReport(data.validatePartnersImport);
        setStage('report');
      }
    } catch (validateError) {
      setError(describeError(validateError));
    } finally {
      setChecking(false);
    }
  };

  const handleImport = async () => {
    if (!file) return;
    setStage('importing');
    setError(null);
    try {
      const { data } = await importPartners({ variables: { input: { fileName: file.name, content: file.text } } });
      const result = data?.importPartners;
      if (result?.__typename === 'PartnersImportSuccess') {
        setBatch(result.batch);
        setStage('done');
        return;
      }
      if (result?.__typename === 'PartnersImportInvalid') {
        // the partners changed since the check (e.g. a Partner ID was taken meanwhile)
        setReport(result.report);
        setError(result.message);
      } else if (result) {
        setError(result.message);
      }
      setStage('report');
    } catch (importError) {
      setError(describeError(importError));
      setStage('report');
    }
  };

  const handleRestart = () => {
    setStage('choose');
    setFile(null);
    setReport(null);
    setBatch(null);
    setError(null);
    setFileError(null);
  };

  const canImport = report !== null && report.valid && report.preview.length > 0;

  return (
    <Flex vertical gap={24}>
      <Steps
        current={STEP_OF[stage]}
        status={stage === 'done' ? 'finish' : 'process'}
        items={[{ title: 'Choose file' }, { title: 'Check' }, { title: 'Import' }, { title: 'Done' }]}
      />

      {error ? <ErrorResultAlert title="The import did not run" error={{ message: error }} /> : null}

      {stage === 'choose' ? (
        <Card>
          <Flex vertical gap={16}>
            <Upload.Dragger
              accept=".csv,text/csv"
              multiple={false}
              showUploadList={false}
              beforeUpload={(chosen) => {
                void handleChoose(chosen);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">Click or drop a partners CSV file here</p>
              <p className="ant-upload-hint">
                UTF-8 (with or without BOM), comma or semicolon separated, at most {formatFileSize(IMPORT_LIMITS.maxBytes)} and{' '}
                {IMPORT_LIMITS.maxRows.toLocaleString()} rows. Columns: {PARTNER_IMPORT_COLUMNS.join(', ')} — name and role are required.
              </p>
            </Upload.Dragger>
            {fileError ? <Alert type="error" showIcon title="This file cannot be imported" description={fileError} /> : null}
            {file ? (
              <Flex justify="space-between" align="center" gap={16} wrap>
                <Typography.Text>
                  <FileTextOutlined /> <strong>{file.name}</strong> · {formatFileSize(file.size)}
                </Typography.Text>
                <Button type="primary" onClick={() => void handleValidate()} loading={checking}>
                  Validate
                </Button>
              </Flex>
            ) : null}
            {checking ? (
              <Flex vertical align="center">
                <Typography.Text>Checking {file?.name}…</Typography.Text>
                <Progress percent={progress} status="active" aria-label="Check progress (estimated)" style={{ maxWidth: 480 }} />
              </Flex>
            ) : null}
          </Flex>
        </Card>
      ) : null}

      {stage === 'report' && report ? (
        <Flex vertical gap={16}>
          <ImportReportView report={report} />
          <Flex justify="end" gap={8}>
            <Button onClick={handleRestart}>Choose another file</Button>
            <Button type="primary" disabled={!canImport} onClick={() => void handleImport()}>
              Import {report.preview.length} partner(s)
            </Button>
          </Flex>
        </Flex>
      ) : null}

      {stage === 'importing' ? (
        <Card>
          <Flex vertical gap={8} align="center">
            <Typography.Text>
              Importing {report?.preview.length ?? 0} partner(s) from {file?.name} — all rows or none, in one transaction…
            </Typography.Text>
            <Progress percent={progress} status="active" aria-label="Import progress (estimated)" style={{ maxWidth: 480 }} />
            <Typography.Text type="secondary">Progress is estimated from the number of rows.</Typography.Text>
          </Flex>
        </Card>
      ) : null}

      {stage === 'done' && batch ? (
        <Result
          status="success"
          title={`Imported ${batch.createdCount} partner(s)`}
          subTitle={`${batch.fileName}: ${batch.rowCount} row(s), imported by ${batch.createdByLabel}.`}
          extra={[
            <Button
              key="show"
              type="primary"
              href={`/partners?importBatchId=${encodeURIComponent(batch.id)}`}
              onClick={(event) => {
                // a real link (opens in a new tab too); a plain click stays in the app
                event.preventDefault();
                void navigate(`/partners?importBatchId=${encodeURIComponent(batch.id)}`);
              }}
            >
              Show the imported partners
            </Button>,
            <Button key="again" onClick={handleRestart}>
              Import another file
            </Button>,
          ]}
        />
      ) : null}
    </Flex>
  );
}
