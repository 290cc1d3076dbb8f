import { useState } from 'react';
import type { CSSProperties } from 'react';
import type { GlobalToken } from 'antd';
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Flex, Result, Row, Skeleton, Timeline, Typography, theme } from 'antd';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import type { JobAction } from '@partner-hub/domain';
import { JobDetailsDocument } from '@partner-hub/graphql-client';
import type { JobDetailsFieldsFragment } from '@partner-hub/graphql-client';
import { QueryErrorAlert } from '../../shared/components/QueryErrorAlert';
import { usePhoneLayout } from '../../shared/hooks/use-phone-layout';
import { graphQLErrorReason } from '../../shared/utils/errors';
import { formatDateTime, formatLocalDate } from '../../shared/utils/format';
import { JobStatusTag } from '../components/JobStatusTag';
import { useJobTransition } from '../hooks/use-job-transition';
import { useLiveJob } from '../hooks/use-live-job';
import { JOB_ACTION_LABELS, JOB_KIND_LABELS, JOB_STATUS_LABELS, isDangerousJobAction } from '../utils/job-wording';
import { ConfigurationCard } from './ConfigurationCard';
import { describeChanges } from './history-changes';

export type JobDetailsProps = { id: string };

/** The phone's action bar: stuck to the bottom of the screen, across the content's padding. */
function stickyBarStyle(token: GlobalToken): CSSProperties {
  return {
    position: 'sticky',
    bottom: 0,
    zIndex: 10,
    margin: '0 -12px -12px',
    padding: 12,
    background: token.colorBgContainer,
    boxShadow: token.boxShadowSecondary,
  };
}

const or = (value: string | null | undefined) => value || '—';

/** The vehicle the job is on, or the notice that the viewer's access to it has ended. */
function VehicleCard({ job }: { job: JobDetailsFieldsFragment }) {
  const vehicle = job.vehicle;
  return (
    <Card title="Vehicle" size="small">
      {vehicle ? (
        <Descriptions column={1} size="small">
          <Descriptions.Item label="VIN">
            <Typography.Text code>
              <Link to={`/vehicles/${vehicle.id}`}>{vehicle.vin}</Link>
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="Vehicle">{`${vehicle.make} ${vehicle.model}${vehicle.year ? ` (${vehicle.year})` : ''}`}</Descriptions.Item>
          <Descriptions.Item label="Plate">{or(vehicle.plate)}</Descriptions.Item>
          <Descriptions.Item label="Telematics unit">
            {[vehicle.deviceSerial, vehicle.deviceModel, vehicle.firmware].filter(Boolean).join(' · ') || '—'}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Alert type="info" showIcon title="Your access to this vehicle has ended" description="The vehicle and the job's configuration are visible only while your organization holds the job." />
      )}
    </Card>
  );
}

/** The job's history, oldest first: what happened, the status change, why, what changed (old → new), who and when. */
function HistoryCard({ job }: { job: JobDetailsFieldsFragment }) {
  return (
    <Card title="History" size="small">
      <Timeline
        items={job.events.map((event) => ({
          key: event.id,
          content: (
            <Flex vertical gap={2}>
              <Typography.Text strong>
                {event.type}
                {event.fromStatus || event.toStatus
                  ? ` · ${event.fromStatus ? JOB_STATUS_LABELS[event.fromStatus] : '—'} → ${event.toStatus ? JOB_STATUS_LABELS[event.toStatus] : '—'}`
                  : ''}
              </Typography.Text>
              {event.reason ? <Typography.Text>“{event.reason}”</Typography.Text> : null}
              {describeChanges(event.changes).map((change) => (
                <Typography.Text key={change.label}>
                  {change.label}: <Typography.Text delete={change.from !== null}>{change.from ?? '—'}</Typography.Text> → {change.to ?? '—'}
                </Typography.Text>
              ))}
              <Typography.Text type="secondary">
                {event.actorLabel} · {formatDateTime(event.createdAt)}
              </Typography.Text>
            </Flex>
          ),
        }))}
      />
    </Card>
  );
}

const isWayForward = (action: JobAction) => action === 'START' || action === 'SUCCEED' || action === 'ASSIGN' || action === 'REASSIGN';

/**
 * One job, usable on a phone: status and exactly the actions the API offers the viewer
 * (`availableActions`, computed on the server from the lifecycle and who the viewer is to the job;
 * a refusal — another change came first — is shown), the vehicle and configuration while the
 * viewer may see them, the texts and the history. Decline, Fail and Cancel ask for a reason;
 * Assign and Reassign for the partner. On a phone the actions sit in a bar stuck to the bottom of
 * the screen, under the thumb, at any scroll. Live: a change by anyone else updates the status,
 * actions and history without a reload (useLiveJob).
 */
export function JobDetails({ id }: JobDetailsProps) {
  const phone = usePhoneLayout();
  const { token } = theme.useToken();
  const { data, error, loading, refetch } = useQuery(JobDetailsDocument, { variables: { id } });
  const [refusal, setRefusal] = useState<string | null>(null);
  const transition = useJobTransition(id, setRefusal);
  const job = data?.job;
  useLiveJob(id, job ? (job.events.at(-1)?.id ?? null) : undefined);

  if (!job) {
    if (loading) return <Skeleton active paragraph={{ rows: 8 }} />;
    if (error && graphQLErrorReason(error) === 'NOT_FOUND') {
      return (
        <Result
          status="404"
          title="Job not found"
          subTitle="There is no such job, or it is not one you can see."
          extra={
            <Link to="/jobs">
              <Button type="primary">Back to jobs</Button>
            </Link>
          }
        />
      );
    }
    return <QueryErrorAlert title="Could not load the job" error={error ?? 'The server sent no job.'} onRetry={() => void refetch()} />;
  }

  const actions = job.availableActions;

  const handleAction = (action: JobAction) => {
    setRefusal(null);
    void transition.take(action);
  };

  const title = job.title ?? `${JOB_KIND_LABELS[job.kind]} job`;
  const actionBar =
    actions.length > 0 ? (
      <Flex gap={8} wrap role="group" aria-label="Job actions" style={phone ? stickyBarStyle(token) : undefined}>
        {actions.map((action) => (
          <Button
            key={action}
            size="large"
            type={isWayForward(action) ? 'primary' : 'default'}
            danger={isDangerousJobAction(action)}
            loading={transition.acting}
            onClick={() => handleAction(action)}
          >
            {JOB_ACTION_LABELS[action]}
          </Button>
        ))}
      </Flex>
    ) : null;
  return (
    <Flex vertical gap={16}>
      <Breadcrumb items={[{ title: <Link to="/jobs">Jobs</Link> }, { title }]} />
      <Flex vertical gap={8}>
        <Flex gap={8} wrap align="center">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          <JobStatusTag status={job.status} />
        </Flex>
        <Typography.Text type="secondary">
          {JOB_KIND_LABELS[job.kind]} · scheduled {formatLocalDate(job.scheduledFor)} · attempt {job.attempt}
          {job.servicePartner ? ` · ${job.servicePartner.name}` : ''}
        </Typography.Text>
      </Flex>
      {phone ? null : actionBar}
      {refusal ? <Alert type="error" showIcon title="Not done" description={refusal} closable onClose={() => setRefusal(null)} /> : null}
      {job.failureReason ? <Alert type="warning" showIcon title="Failure reason" description={job.failureReason} /> : null}
      {job.cancelReason ? <Alert type="warning" showIcon title="Cancellation reason" description={job.cancelReason} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Flex vertical gap={16}>
            <VehicleCard job={job} />
            <ConfigurationCard job={job} />
          </Flex>
        </Col>
        <Col xs={24} lg={12}>
          <Flex vertical gap={16}>
            <Card title="Work" size="small">
              <Descriptions column={1} size="small">
                <Descriptions.Item label="Description">{or(job.description)}</Descriptions.Item>
                <Descriptions.Item label="Instructions">{or(job.instructions)}</Descriptions.Item>
                <Descriptions.Item label="Service partner">{job.servicePartner?.name ?? 'Unassigned'}</Descriptions.Item>
                <Descriptions.Item label="Created">{formatDateTime(job.createdAt)}</Descriptions.Item>
              </Descriptions>
            </Card>
            <HistoryCard job={job} />
          </Flex>
        </Col>
      </Row>
      {phone ? actionBar : null}
      {transition.dialog}
    </Flex>
  );
}
