import { Card, Skeleton } from 'antd';
import { useSearchParams } from 'react-router';
import { DashboardView } from '../modules/dashboard/components/DashboardView';
import { useLiveDashboard } from '../modules/dashboard/hooks/use-live-dashboard';
import { QueryErrorAlert } from '../modules/shared/components/QueryErrorAlert';

/** /dashboard — the home page: live job progress; `?wall=1` shows it full screen for a wall display. */
export function DashboardPage() {
  const { dashboard, loading, error, status, refetch } = useLiveDashboard();
  const [params, setParams] = useSearchParams();
  const wall = params.get('wall') === '1';
  const handleWallChange = (next: boolean) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next) updated.set('wall', '1');
        else updated.delete('wall');
        return updated;
      },
      { replace: true },
    );
  if (error && !dashboard)
    return <QueryErrorAlert title="Could not load the dashboard" error={error} onRetry={refetch} />;
  if (loading || !dashboard)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  return (
    <DashboardView
      dashboard={dashboard}
      status={status}
      wall={wall}
      onWallChange={handleWallChange}
      onRefresh={refetch}
    />
  );
}
