import { useState } from 'react';
import type { ReactNode } from 'react';
import { Alert, Button, Card, Flex, Progress, Result, Spin, Steps, Typography, Upload } from 'antd';
import { FileTextOutlined, InboxOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { IMPORT_LIMITS } from '@partner-hub/domain';
import { ErrorResultAlert } from '@partner-hub/ui';
import { describeError } from '../../shared/utils/errors';
import { formatFileSize, readCsvFile } from '../utils/read-csv-file';
import type { ImportCheckReport } from './ImportProblemsView';

/** The chosen file as the server gets it. */
export type CsvImportFile = { fileName: string; content: string };

/**
 * What a step reports: what is happening (`label`), in which `phase`, and — only when it is known —
 * how much of it is done (`done` of `total` bytes or rows). Without counts the wizard shows the
 * label with an indeterminate spinner; it never estimates.
 */
export type CsvImportProgress = { phase: 'Upload' | 'Check' | 'Import'; label: string; done?: number; total?: number };

/**
 * What a dry run or a commit may use beyond the file's text: the chosen file itself (to upload it
 * as it is) and a way to report real progress.
 */
export type CsvImportStepContext = {
  file: File;
  onProgress: (progress: CsvImportProgress) => void;
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
  /** the file's limits (default: IMPORT_LIMITS, 5 MB and 10,000 rows) */
  limits?: { maxRows: number; maxBytes: number };
  /** import options shown with the chosen file, before the check (e.g. "prefer template data") */
  options?: ReactNode;
};

type Stage = 'choose' | 'report' | 'importing' | 'done';
type ChosenFile = { name: string; size: number; text: string; file: File };
/** What the wizard shows while a step runs: a bar only for counted progress (`percent`), else the label alone. */
type ShownProgress = { phase: CsvImportProgress['phase']; label: string; percent: number | null };

const STEP_OF: Record<Stage, number> = { choose: 0, report: 1, importing: 2, done: 3 };

/**
 * The next progress to show: counts become a percentage, which never goes down within a phase (an
 * older count arriving late, e.g. from a poll behind a subscription, is ignored).
 */
export function nextProgress(shown: ShownProgress | null, reported: CsvImportProgress): ShownProgress {
  const counted = reported.total !== undefined && reported.total > 0 && reported.done !== undefined;
  const percent = counted ? Math.max(0, Math.min(100, Math.floor(((reported.done ?? 0) / (reported.total ?? 1)) * 100))) : null;
  if (shown?.phase === reported.phase && shown.percent !== null && (percent === null || percent < shown.percent)) return shown;
  return { phase: reported.phase, label: reported.label, percent };
}

/** A running step: a bar named "<phase> progress" with what is happening under it, or only what is happening. */
function StepProgress({ progress }: { progress: ShownProgress }) {
  if (progress.percent === null) {
    return (
      <Flex gap={8} align="center" justify="center">
        <Spin size="small" />
        <Typography.Text role="status">{progress.label}</Typography.Text>
      </Flex>
    );
  }
  return (
    <Flex vertical align="center" style={{ width: '100%' }}>
      <Progress percent={progress.percent} status="active" aria-label={`${progress.phase} progress`} style={{ maxWidth: 480 }} />
      <Typography.Text type="secondary">{progress.label}</Typography.Text>
    </Flex>
  );
}

/**
 * A CSV import (DESIGN.md §4) in four steps, for any kind of file: choose a file (read as UTF-8 in
 * the browser), check it (the server's dry run, shown by `renderReport`), import (all rows or
 * none), done (a link to what was created). While a step runs the wizard shows the real progress
 * the step reports, or says what is happening. The kind-specific parts — operations, report,
 * success screen — come in as props.
 */
export function CsvImportWizard<TReport extends ImportCheckReport, TDone>(props: CsvImportWizardProps<TReport, TDone>) {
  const { fileLabel, hint, validate, commit, importCount, noun, renderReport, done, limits = IMPORT_LIMITS, options } = props;
  const navigate = useNavigate();
  const [stage, setStage] = useState<Stage>('choose');
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<TReport | null>(null);
  const [result, setResult] = useState<TDone | null>(null);
  const [progress, setProgress] = useState<ShownProgress | null>(null);
  const stepContext = (chosen: ChosenFile, starting: CsvImportProgress): CsvImportStepContext => {
    setProgress(nextProgress(null, starting));
    return { file: chosen.file, onProgress: (reported) => setProgress((shown) => nextProgress(shown, reported)) };
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
      const starting: CsvImportProgress = { phase: 'Check', label: `Checking ${file.name}…` };
      setReport(await validate({ fileName: file.name, content: file.text }, stepContext(file, starting)));
      setStage('report');
    } catch (validateError) {
      setError(describeError(validateError));
    } finally {
      setChecking(false);
    }
  };

  const handleImport = async () => {
    if (!file || !report) return;
    setStage('importing');
    setError(null);
    try {
      const starting: CsvImportProgress = { phase: 'Import', label: `Importing ${importCount(report)} ${noun}(s) from ${file.name} — all rows or none, in one transaction…` };
      const outcome = await commit({ fileName: file.name, content: file.text }, stepContext(file, starting));
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
            {checking && progress ? <StepProgress progress={progress} /> : null}
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

      {stage === 'importing' && progress ? (
        <Card>
          <StepProgress progress={progress} />
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
