import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DashboardFieldsFragment } from '@partner-hub/graphql-client';

export type DailyChartProps = {
  days: DashboardFieldsFragment['daily'];
  height?: number;
};

const short = (day: string) => day.slice(5).replace('-', '/');

/** Jobs succeeded and failed per day (UTC) over the last 30 days. Loaded with the dashboard's route only. */
export function DailyChart({ days, height = 240 }: DailyChartProps) {
  const total = days.reduce((sum, d) => sum + d.succeeded + d.failed, 0);
  return (
    <figure
      style={{ margin: 0 }}
      aria-label={`Jobs finished per day over the last ${days.length} days: ${total} in all`}
    >
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={short} minTickGap={12} fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} />
          <Tooltip labelFormatter={(day) => `${day} (UTC)`} />
          <Legend />
          <Bar
            dataKey="succeeded"
            name="Succeeded"
            stackId="finished"
            fill="#52c41a"
            isAnimationActive={false}
          />
          <Bar dataKey="failed" name="Failed" stackId="finished" fill="#ff4d4f" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
