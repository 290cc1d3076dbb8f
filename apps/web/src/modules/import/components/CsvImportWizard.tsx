import { useState } from 'react';
import type { ReactNode } from 'react';
import { Alert, Button, Card, Flex, Progress, Result, Steps, Typography, Upload } from 'antd';
import { FileTextOutlined, InboxOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { IMPORT_LIMITS } from '@partner-hub/domain';
import { ErrorResultAlert } from '@partner-hub/ui';
import { describeError } from '../../shared/utils/errors';
import { useEstimatedProgress } from '../hooks/use-estimated-progress';
import { formatFileSize, readCsvFile } from '../utils/read-csv-file';
import type { ImportCheckReport } from './ImportProblemsView';

/** The chosen file as the server gets it. */
export type CsvImportFile = { fileName: string; content: string };

/**
 * What a dry run or a commit may use beyond the file's text: the chosen file itself (to upload it
 * as it is) and a way to report real progress — once reported, the bar shows it instead of an estimate.
 */
export type CsvImportStepContext = {
  file: File;
  /** `percent` 0–100; `label` says what is happening ("Uploading…", "1,200 of 5,000 rows") */
  onProgress: (percent: number, label?: string) => void;
};

/** How a commit ended: imported, refused with a new report (the data changed since the check), or another error. */
export type CsvImportCommitOutcome<TReport, TDone> =
  | { kind: 'done'; result: TDone }
  | { kind: 'invalid'; report: TReport; message: string }
  | { kind: 'error'; message: string };

/** The success screen of an import. */
export type CsvImportDoneView = {
  title: string;
  subTitle: string;
  /** what was created, in more detail (counts) */
  details?: ReactNode;
  /** where the imported rows are listed */
  link: { to: string; label: string };
};

export type CsvImportWizardProps<TReport extends ImportCheckReport, TDone> = {
  /** what the file holds, as the drop zone names it: "partners", "vehicles" */
  fileLabel: string;
  /** the drop zone's hint: columns and rules (the limits are added) */
  hint: ReactNode;
  /** the server's dry run */
  validate: (file: CsvImportFile, context: CsvImportStepContext) => Promise<TReport>;
  /** the server's commit */
  commit: (file: CsvImportFile, context: CsvImportStepContext) => Promise<CsvImportCommitOutcome<TReport, TDone>>;
  /** how many objects a report would create, for the import button ("Import 40 vehicle(s)") */
  importCount: (report: TReport) => number;
  /** what one created object is, singular: "partner", "vehicle" */
  noun: string;
  /** the dry run's result: problems, warnings and what would be created */
  renderReport: (report: TReport) => ReactNode;
  /** the success screen */
  done: (result: TDone) => CsvImportDoneView;
  /** a rough time per row of a commit, for the progress estimate (while no real progress is reported) */
  expectedMsPerRow: number;
  /** the file's limits (default: IMPORT_LIMITS, 5 MB and 10,000 rows) */
  limits?: { maxRows: number; maxBytes: number };
  /** import options shown with the chosen file, before the check (e.g. "prefer template data") */
  options?: ReactNode;
};

type Stage = 'choose' | 'report' | 'importing' | 'done';
type ChosenFile = { name: string; size: number; text: string; file: File };
type ReportedProgress = { percent: number; label?: string };

const STEP_OF: Record<Stage, number> = { choose: 0, report: 1, importing: 2, done: 3 };

/**
 * A CSV import (DESIGN.md §4) in four steps, for any kind of file: choose a file (read as UTF-8 in
 * the browser), check it (the server's dry run, shown by `renderReport`), import (all rows or
 * none, with estimated progress), done (a link to what was created). The kind-specific parts —
 * operations, report, success screen — come in as props.
 */
export function CsvImportWizard<TReport extends ImportCheckReport, TDone>(props: CsvImportWizardProps<TReport, TDone>) {
  const { fileLabel, hint, validate, commit, importCount, noun, renderReport, done, expectedMsPerRow, limits = IMPORT_LIMITS, options } = props;
  const navigate = useNavigate();
  const [stage, setStage] = useState<Stage>('choose');
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<TReport | null>(null);
  const [result, setResult] = useState<TDone | null>(null);
  // a dry run reads the file and a few sets of keys; a commit writes every row
  const expectedMs = stage === 'importing' ? 800 + (report?.rowCount ?? 0) * expectedMsPerRow : 500 + (file?.size ?? 0) / 200;
  const estimated = useEstimatedProgress(stage === 'importing' || checking, expectedMs);
  const [reported, setReported] = useState<ReportedProgress | null>(null);
  const progress = reported?.percent ?? estimated;
  const stepContext = (chosen: ChosenFile): CsvImportStepContext => {
    setReported(null);
    return { file: chosen.file, onProgress: (percent, label) => setReported({ percent: Math.max(0, Math.min(100, Math.round(percent))), label }) };
  };

  const handleChoose = async (chosen: File) => {
    setError(null);
    setReport(null);
    const read = await readCsvFile(chosen, limits);
    if (read.ok) {
      setFile({ name: chosen.name, size: chosen.size, text: read.text, file: chosen });
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
      setReport(await validate({ fileName: file.name, content: file.text }, stepContext(file)));
      setStage('report');
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
      const outcome = await commit({ fileName: file.name, content: file.text }, stepContext(file));
      if (outcome.kind === 'done') {
        setResult(outcome.result);
        setStage('done');
        return;
      }
      // 'invalid': the data changed since the check (e.g. a key was taken meanwhile)
      if (outcome.kind === 'invalid') setReport(outcome.report);
      setError(outcome.message);
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
    setResult(null);
    setError(null);
    setFileError(null);
  };

  const count = report ? importCount(report) : 0;
  const canImport = report !== null && report.valid && count > 0;
  const doneView = stage === 'done' && result !== null ? done(result) : null;

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
              <p className="ant-upload-text">Click or drop a {fileLabel} CSV file here</p>
              <p className="ant-upload-hint">
                UTF-8 (with or without BOM), comma or semicolon separated, at most {formatFileSize(limits.maxBytes)} and{' '}
                {limits.maxRows.toLocaleString()} rows. {hint}
              </p>
            </Upload.Dragger>
            {fileError ? <Alert type="error" showIcon title="This file cannot be imported" description={fileError} /> : null}
            {file && options ? <div>{options}</div> : null}
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
                <Typography.Text>{reported?.label ?? `Checking ${file?.name ?? 'the file'}…`}</Typography.Text>
                <Progress percent={progress} status="active" aria-label={reported ? 'Check progress' : 'Check progress (estimated)'} style={{ maxWidth: 480 }} />
              </Flex>
            ) : null}
          </Flex>
        </Card>
      ) : null}

      {stage === 'report' && report ? (
        <Flex vertical gap={16}>
          {renderReport(report)}
          <Flex justify="end" gap={8}>
            <Button onClick={handleRestart}>Choose another file</Button>
            <Button type="primary" disabled={!canImport} onClick={() => void handleImport()}>
              {`Import ${count} ${noun}(s)`}
            </Button>
          </Flex>
        </Flex>
      ) : null}

      {stage === 'importing' ? (
        <Card>
          <Flex vertical gap={8} align="center">
            <Typography.Text>
              {`Importing ${count} ${noun}(s) from ${file?.name ?? 'the file'} — all rows or none, in one transaction…`}
            </Typography.Text>
            <Progress percent={progress} status="active" aria-label={reported ? 'Import progress' : 'Import progress (estimated)'} style={{ maxWidth: 480 }} />
            <Typography.Text type="secondary">{reported ? (reported.label ?? '') : 'Progress is estimated from the number of rows.'}</Typography.Text>
          </Flex>
        </Card>
      ) : null}

      {doneView ? (
        <Result
          status="success"
          title={doneView.title}
          subTitle={doneView.subTitle}
          extra={[
            <Button
              key="show"
              type="primary"
              href={doneView.link.to}
              onClick={(event) => {
                // a real link (opens in a new tab too); a plain click stays in the app
                event.preventDefault();
                void navigate(doneView.link.to);
              }}
            >
              {doneView.link.label}
            </Button>,
            <Button key="again" onClick={handleRestart}>
              Import another file
            </Button>,
          ]}
        >
          {doneView.details}
        </Result>
      ) : null}
    </Flex>
  );
}
