import { Tag } from 'antd';
import type { JobStatus } from '@partner-hub/domain';
import { JOB_STATUS_COLORS, JOB_STATUS_LABELS } from '../utils/job-wording';

/** A job's status as a coloured tag. */
export function JobStatusTag({ status }: { status: JobStatus }) {
  return <Tag color={JOB_STATUS_COLORS[status]}>{JOB_STATUS_LABELS[status]}</Tag>;
}
