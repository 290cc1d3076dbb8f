import { Alert, Button, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ImportProblemFieldsFragment } from '@partner-hub/graphql-client';
import { downloadTextFile } from '../../shared/utils/download';
import { problemsFileName, problemsToCsv } from '../utils/problems-csv';

/** What every import's dry run reports, whatever it creates. */
export type ImportCheckReport = {
  fileName: string;
  rowCount: number;
  valid: boolean;
  problems: readonly ImportProblemFieldsFragment[];
  warnings: readonly ImportProblemFieldsFragment[];
  /** how many problems there are, when `problems` lists only the first of them */
  problemCount?: number;
};

export type ImportProblemsViewProps = {
  report: ImportCheckReport;
  /** under the "all rows can be imported" title: what the file would create */
  validDescription: string;
};

const problemColumns: TableColumnsType<ImportProblemFieldsFragment & { key: number }> = [
  { title: 'Line', dataIndex: 'row', key: 'row', width: 90, render: (row: number | null) => row ?? 'File' },
  { title: 'Column', dataIndex: 'column', key: 'column', width: 180, render: (column: string | null) => (column ? <Typography.Text code>{column}</Typography.Text> : '—') },
  { title: 'Problem', dataIndex: 'message', key: 'message' },
];

/**
 * The verdict of a CSV dry run, for any import: whether the file can be imported, every problem by
 * line and column (downloadable as CSV to fix in a spreadsheet), and the warnings that do not stop it.
 */
export function ImportProblemsView({ report, validDescription }: ImportProblemsViewProps) {
  const problems = report.problems.map((p, key) => ({ ...p, key }));
  const warnings = report.warnings.map((p, key) => ({ ...p, key }));

  const handleDownloadProblems = () => downloadTextFile(problemsToCsv(report.problems), problemsFileName(report.fileName));

  return (
    <Flex vertical gap={16}>
      {report.valid ? (
        <Alert type="success" showIcon title={`${report.fileName}: all ${report.rowCount} row(s) can be imported.`} description={validDescription} />
      ) : (
        <Alert
          type="error"
          showIcon
          title={`${report.fileName} has ${report.problemCount ?? report.problems.length} problem(s); nothing can be imported until they are fixed.`}
          description="Fix the rows in your spreadsheet, save it as CSV (UTF-8) and choose it again."
          action={
            <Button icon={<DownloadOutlined />} onClick={handleDownloadProblems}>
              Download problems as CSV
            </Button>
          }
        />
      )}

      {problems.length > 0 ? (
        <section aria-label="Problems">
          <Typography.Title level={5}>Problems</Typography.Title>
          <Table size="small" columns={problemColumns} dataSource={problems} pagination={{ pageSize: 50, hideOnSinglePage: true }} />
        </section>
      ) : null}

      {warnings.length > 0 ? (
        <section aria-label="Warnings">
          <Typography.Title level={5}>Warnings (they do not stop the import)</Typography.Title>
          <Table size="small" columns={problemColumns} dataSource={warnings} pagination={{ pageSize: 20, hideOnSinglePage: true }} />
        </section>
      ) : null}
    </Flex>
  );
}
