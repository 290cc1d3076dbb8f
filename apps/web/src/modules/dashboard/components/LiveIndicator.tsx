import { Badge, Button, Tooltip } from 'antd';
import type { LiveStatus } from '../../shared/utils/live-connection';

const WORDING: Record<
  LiveStatus,
  { text: string; badge: 'success' | 'processing' | 'error' | 'default'; hint: string }
> = {
  idle: { text: 'Connecting…', badge: 'processing', hint: 'Opening the live connection.' },
  connecting: { text: 'Connecting…', badge: 'processing', hint: 'Opening the live connection.' },
  live: { text: 'Live', badge: 'success', hint: 'The numbers update by themselves as jobs change.' },
  offline: {
    text: 'Offline — reconnecting',
    badge: 'error',
    hint: 'The live connection dropped. It reconnects by itself and reads the numbers again; until then they may be out of date.',
  },
};

export type LiveIndicatorProps = {
  status: LiveStatus;
  /** reads the numbers again now */
  onRefresh?: () => void;
};

/** Whether the dashboard is following the jobs live, or offline and reconnecting. */
export function LiveIndicator({ status, onRefresh }: LiveIndicatorProps) {
  const wording = WORDING[status];
  return (
    <Tooltip title={wording.hint}>
      <span
        role="status"
        aria-live="polite"
        data-live-status={status}
        style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}
      >
        <Badge status={wording.badge} text={wording.text} />
        {status === 'offline' && onRefresh ? (
          <Button size="small" onClick={onRefresh}>
            Refresh
          </Button>
        ) : null}
      </span>
    </Tooltip>
  );
}
