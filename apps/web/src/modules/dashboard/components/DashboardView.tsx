import type { CSSProperties, ReactNode } from 'react';
import type { ColProps } from 'antd';
import { Button, Card, Col, Empty, Flex, List, Progress, Row, Statistic, Tag, Typography } from 'antd';
import { FullscreenExitOutlined, FullscreenOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { JOB_STATUSES } from '@partner-hub/domain';
import type { DashboardFieldsFragment, DashboardJobFieldsFragment } from '@partner-hub/graphql-client';
import {
  JOB_ACTION_LABELS,
  JOB_KIND_LABELS,
  JOB_STATUS_COLORS,
  JOB_STATUS_LABELS,
} from '../../jobs/utils/job-wording';
import { formatDateTime, formatLocalDate } from '../../shared/utils/format';
import type { LiveStatus } from '../../shared/utils/live-connection';
import { LiveIndicator } from './LiveIndicator';
import { ProgressBar } from './ProgressBar';
import { DailyChart } from './DailyChart';

export type DashboardViewProps = {
  dashboard: DashboardFieldsFragment;
  status: LiveStatus;
  /** full screen for a wall display: no menu, large numbers */
  wall: boolean;
  onWallChange: (wall: boolean) => void;
  onRefresh: () => void;
};

const jobTitle = (title: string | null | undefined) => title || 'Untitled job';

/** What an event did, in words: "Start → Running", "Created", "Edited". */
function eventWording(type: string, toStatus: string | null | undefined): string {
  const action = (JOB_ACTION_LABELS as Record<string, string>)[type];
  const words: Record<string, string> = {
    CREATED: 'Created',
    EDITED: 'Edited',
    CONFIGURATION_CHANGED: 'Configuration changed',
    DELETED: 'Deleted',
  };
  const base = action ?? words[type] ?? type;
  return toStatus
    ? `${base} → ${JOB_STATUS_LABELS[toStatus as keyof typeof JOB_STATUS_LABELS] ?? toStatus}`
    : base;
}

function JobLine({ job }: { job: DashboardJobFieldsFragment }) {
  return (
    <List.Item>
      <Flex vertical gap={2} style={{ minWidth: 0 }}>
        <Link to={`/jobs/${job.id}`}>{jobTitle(job.title)}</Link>
        <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
          <Tag color={JOB_STATUS_COLORS[job.status]}>{JOB_STATUS_LABELS[job.status]}</Tag>
          {JOB_KIND_LABELS[job.kind]} ·{' '}
          {job.scheduledFor ? `scheduled ${formatLocalDate(job.scheduledFor)}` : 'not scheduled'}
          {job.servicePartnerName ? ` · ${job.servicePartnerName}` : ''}
        </Typography.Text>
      </Flex>
    </List.Item>
  );
}

function Section({ title, children, extra }: { title: ReactNode; children: ReactNode; extra?: ReactNode }) {
  return (
    <Card title={title} extra={extra} size="small" styles={{ body: { paddingTop: 8 } }}>
      {children}
    </Card>
  );
}

/** One number of the counts row: a list item holding a small card with a Statistic. */
function NumberCard({
  col,
  title,
  value,
  valueStyle,
  cardStyle,
}: {
  col: ColProps;
  title: ReactNode;
  value: number;
  valueStyle: CSSProperties | undefined;
  cardStyle?: CSSProperties | undefined;
}) {
  return (
    <Col {...col} role="listitem">
      <Card size="small" style={cardStyle}>
        <Statistic title={title} value={value} valueStyle={valueStyle} />
      </Card>
    </Col>
  );
}

/**
 * The live job-progress dashboard (docs/dashboard.md): counts per status with the overdue number,
 * progress per service partner and per import batch, overdue jobs, the latest events, and the jobs
 * finished per day. Principal staff see all their principal's jobs, partners those assigned to them,
 * technicians their open work first ("My jobs today").
 */
export function DashboardView({ dashboard, status, wall, onWallChange, onRefresh }: DashboardViewProps) {
  const technician = dashboard.scope === 'TECHNICIAN';
  const today = dashboard.daily.at(-1);
  const big = wall ? { fontSize: 48 } : undefined;
  const counts = dashboard.statusCounts.filter((c) => JOB_STATUSES.includes(c.status));

  const header = (
    <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 16 }}>
      <div>
        <Typography.Title level={wall ? 1 : 3} style={{ margin: 0 }}>
          {technician ? 'My jobs today' : 'Dashboard'}
        </Typography.Title>
        <Typography.Text type="secondary">
          {dashboard.scope === 'PRINCIPAL'
            ? 'All jobs of your organization'
            : 'The jobs assigned to your organization'}{' '}
          · updated {formatDateTime(dashboard.readAt)}
        </Typography.Text>
      </div>
      <Flex gap={12} align="center" wrap>
        <LiveIndicator status={status} onRefresh={onRefresh} />
        <Button
          icon={wall ? <FullscreenExitOutlined /> : <FullscreenOutlined />}
          onClick={() => onWallChange(!wall)}
        >
          {wall ? 'Leave wall mode' : 'Wall mode'}
        </Button>
      </Flex>
    </Flex>
  );

  const statusCol = { xs: 12, sm: 8, lg: wall ? 3 : 4, xl: 3 };
  const technicianCol = { xs: 12, sm: 6 };
  const countOf = (status: string) => counts.find((c) => c.status === status)?.count ?? 0;
  const numbers = (
    <Row gutter={[12, 12]} role="list" aria-label="Jobs per status">
      {technician ? (
        <>
          <NumberCard col={technicianCol} title="Running" value={countOf('RUNNING')} valueStyle={big} />
          <NumberCard col={technicianCol} title="Assigned" value={countOf('ASSIGNED')} valueStyle={big} />
          <NumberCard
            col={technicianCol}
            title="Succeeded today"
            value={today?.succeeded ?? 0}
            valueStyle={{ ...big, color: '#389e0d' }}
          />
          <NumberCard
            col={technicianCol}
            title="Failed today"
            value={today?.failed ?? 0}
            valueStyle={{ ...big, color: '#cf1322' }}
          />
        </>
      ) : (
        counts.map((c) => (
          <NumberCard
            key={c.status}
            col={statusCol}
            title={JOB_STATUS_LABELS[c.status]}
            value={c.count}
            valueStyle={big}
          />
        ))
      )}
      <NumberCard
        col={statusCol}
        cardStyle={dashboard.overdue > 0 ? { borderColor: '#ff4d4f' } : undefined}
        title={<Link to="/jobs?overdue=true">Overdue</Link>}
        value={dashboard.overdue}
        valueStyle={{ ...big, color: dashboard.overdue > 0 ? '#cf1322' : undefined }}
      />
      {!technician ? (
        <NumberCard col={statusCol} title="All jobs" value={dashboard.total} valueStyle={big} />
      ) : null}
    </Row>
  );

  const partners = (
    <Section
      title="Service partners"
      extra={
        dashboard.servicePartnerCount > dashboard.servicePartners.length ? (
          <Typography.Text type="secondary">
            the {dashboard.servicePartners.length} busiest of {dashboard.servicePartnerCount}
          </Typography.Text>
        ) : null
      }
    >
      {dashboard.servicePartners.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No jobs assigned yet" />
      ) : (
        <Flex vertical gap={14}>
          {dashboard.servicePartners.map((p) => (
            <div key={p.partnerId} data-partner={p.partnerId}>
              <Flex justify="space-between" gap={8}>
                <Link to={`/jobs?partner=${p.partnerId}`} style={{ fontWeight: 600 }}>
                  {p.name}
                </Link>
                <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                  {p.progress.succeeded + p.progress.failed + p.progress.cancelled} of {p.progress.total}{' '}
                  finished
                  {p.overdue > 0 ? (
                    <Typography.Text type="danger"> · {p.overdue} overdue</Typography.Text>
                  ) : null}
                </Typography.Text>
              </Flex>
              <ProgressBar progress={p.progress} label={p.name} height={wall ? 20 : 12} />
            </div>
          ))}
        </Flex>
      )}
    </Section>
  );

  const batches =
    dashboard.importBatches.length > 0 ? (
      <Section title="Jobs imports">
        <Flex vertical gap={14}>
          {dashboard.importBatches.map((b) => (
            <div key={b.id}>
              <Flex justify="space-between" gap={8}>
                <Link to={`/jobs?importBatchId=${b.id}`}>{b.fileName}</Link>
                <Typography.Text type="secondary">
                  {b.status === 'RUNNING'
                    ? `importing: ${b.processedRows} of ${b.rowCount} rows`
                    : `${b.status.toLowerCase()} ${formatDateTime(b.finishedAt)}`}
                </Typography.Text>
              </Flex>
              {b.status === 'RUNNING' ? (
                <Progress
                  percent={b.rowCount > 0 ? Math.floor((b.processedRows / b.rowCount) * 100) : 0}
                  status="active"
                />
              ) : (
                <ProgressBar progress={b.progress} label={b.fileName} height={wall ? 20 : 12} />
              )}
            </div>
          ))}
        </Flex>
      </Section>
    ) : null;

  const open = technician ? (
    <Section title="Open work">
      <List
        size="small"
        dataSource={dashboard.openJobs}
        locale={{ emptyText: 'Nothing assigned to you right now' }}
        renderItem={(job) => <JobLine job={job} />}
      />
    </Section>
  ) : null;

  const overdue = (
    <Section
      title={
        <span>Overdue jobs {dashboard.overdue > 0 ? <Tag color="red">{dashboard.overdue}</Tag> : null}</span>
      }
    >
      <List
        size="small"
        dataSource={dashboard.overdueJobs}
        locale={{ emptyText: 'Nothing is overdue' }}
        renderItem={(job) => <JobLine job={job} />}
      />
    </Section>
  );

  const feed = (
    <Section title="Recent activity">
      <div role="region" aria-label="Recent activity">
        <List
          size="small"
          dataSource={dashboard.recentEvents}
          locale={{ emptyText: 'No activity yet' }}
          renderItem={(event) => (
            <List.Item>
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <span>
                  <Typography.Text strong>{eventWording(event.type, event.toStatus)}</Typography.Text> ·{' '}
                  <Link to={`/jobs/${event.jobId}`}>{jobTitle(event.jobTitle)}</Link>
                </span>
                <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
                  {event.actorLabel} · {formatDateTime(event.at)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      </div>
    </Section>
  );

  const chart = (
    <Section title="Finished per day (last 30 days, UTC)">
      <DailyChart days={dashboard.daily} height={wall ? 320 : 240} />
    </Section>
  );

  const body = (
    <Flex vertical gap={16}>
      {header}
      {numbers}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            {open}
            {partners}
            {batches}
            {chart}
          </Flex>
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={16}>
            {overdue}
            {feed}
          </Flex>
        </Col>
      </Row>
    </Flex>
  );

  if (!wall) return body;
  return (
    <div
      role="region"
      aria-label="Wall display"
      style={{
        position: 'fixed',
        inset: 0,
        zIndex: 1000,
        overflow: 'auto',
        background: '#f5f5f5',
        padding: 24,
        fontSize: 18,
      }}
    >
      {body}
    </div>
  );
}
