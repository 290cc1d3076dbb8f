import type { ReactNode } from 'react';
import { Card, Flex, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import type { JobListFieldsFragment } from '@partner-hub/graphql-client';
import { formatLocalDate } from '../../shared/utils/format';
import { JOB_KIND_LABELS } from '../utils/job-wording';
import { JobRowMenu } from './JobRowMenu';
import { JobStatusTag } from './JobStatusTag';

export type JobCardsProps = {
  jobs: JobListFieldsFragment[];
  loading: boolean;
  /** offer Edit, Duplicate and Delete in each card's menu (principal writers) */
  canWrite: boolean;
  emptyText: ReactNode;
};

/**
 * The jobs list on a phone: one card per job with its title (the link), status and menu on top —
 * always on the screen, never behind a sideways scroll — and the kind, schedule, vehicle and
 * service partner below.
 */
export function JobCards({ jobs, loading, canWrite, emptyText }: JobCardsProps) {
  if (jobs.length === 0) return loading ? <Skeleton active paragraph={{ rows: 4 }} /> : <>{emptyText}</>;
  return (
    <Flex
      vertical
      gap={8}
      component="ul"
      aria-label="Jobs"
      aria-busy={loading}
      style={{ listStyle: 'none', margin: 0, padding: 0 }}
    >
      {jobs.map((job) => (
        <li key={job.id}>
          <Card size="small">
            <Flex align="flex-start" gap={8}>
              <Flex vertical gap={4} flex={1} style={{ minWidth: 0 }}>
                <Typography.Text strong ellipsis>
                  <Link to={`/jobs/${job.id}`}>{job.title ?? 'Untitled job'}</Link>
                </Typography.Text>
                <span>
                  <JobStatusTag status={job.status} />
                </span>
                <Typography.Text type="secondary">
                  {JOB_KIND_LABELS[job.kind]} · scheduled {formatLocalDate(job.scheduledFor)}
                </Typography.Text>
                <Typography.Text type="secondary" ellipsis>
                  {job.vehicle ? `${job.vehicle.vin}` : 'No access to the vehicle'}
                  {job.servicePartner ? ` · ${job.servicePartner.name}` : ''}
                </Typography.Text>
              </Flex>
              <JobRowMenu job={job} writable={canWrite} />
            </Flex>
          </Card>
        </li>
      ))}
    </Flex>
  );
}
