import { Flex, Tooltip, Typography } from 'antd';
import type { DashboardProgressFieldsFragment } from '@partner-hub/graphql-client';

/** The segments of a progress bar, in the order work moves: done first, then under way, then waiting. */
const SEGMENTS = [
  { key: 'succeeded', label: 'succeeded', color: '#52c41a' },
  { key: 'failed', label: 'failed', color: '#ff4d4f' },
  { key: 'running', label: 'running', color: '#faad14' },
  { key: 'assigned', label: 'assigned', color: '#1677ff' },
  { key: 'pending', label: 'pending', color: '#bfbfbf' },
  { key: 'cancelled', label: 'cancelled', color: '#d4b106' },
] as const;

export type ProgressBarProps = {
  progress: DashboardProgressFieldsFragment;
  /** what the bar is of, for screen readers ("Lyon Auto") */
  label: string;
  height?: number;
};

/** How far a set of jobs has come: one stacked bar, succeeded / failed / running / assigned / pending / cancelled. */
export function ProgressBar({ progress, label, height = 12 }: ProgressBarProps) {
  const total = progress.total || 1;
  const finished = progress.succeeded + progress.failed + progress.cancelled;
  const summary = SEGMENTS.filter((s) => progress[s.key] > 0)
    .map((s) => `${progress[s.key]} ${s.label}`)
    .join(', ');
  return (
    <div>
      <div
        role="meter"
        aria-label={`${label}: ${finished} of ${progress.total} finished`}
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={finished}
        aria-valuetext={summary || 'no jobs'}
        style={{
          display: 'flex',
          height,
          borderRadius: height / 2,
          overflow: 'hidden',
          background: '#f0f0f0',
        }}
      >
        {SEGMENTS.map((s) =>
          progress[s.key] > 0 ? (
            <Tooltip key={s.key} title={`${progress[s.key]} ${s.label}`}>
              <div
                data-segment={s.key}
                style={{
                  width: `${(progress[s.key] / total) * 100}%`,
                  background: s.color,
                  transition: 'width 0.4s',
                }}
              />
            </Tooltip>
          ) : null,
        )}
      </div>
      <Flex gap={12} wrap style={{ marginTop: 4 }}>
        {SEGMENTS.filter((s) => progress[s.key] > 0).map((s) => (
          <Typography.Text key={s.key} type="secondary" style={{ fontSize: '0.85em' }}>
            <span
              style={{
                display: 'inline-block',
                width: 8,
                height: 8,
                borderRadius: 4,
                background: s.color,
                marginRight: 4,
              }}
            />
            {progress[s.key]} {s.label}
          </Typography.Text>
        ))}
      </Flex>
    </div>
  );
}
