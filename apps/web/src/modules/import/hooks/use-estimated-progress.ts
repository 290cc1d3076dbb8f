import { useEffect, useState } from 'react';

/**
 * Progress of one long request the server reports nothing about until it ends (a CSV import is a
 * single transaction): the share of `expectedMs` elapsed, held below 95 % until the answer comes.
 * An estimate from the row count, labelled as such where it is shown.
 */
export function useEstimatedProgress(running: boolean, expectedMs: number): number {
  const [percent, setPercent] = useState<number | null>(null);
  useEffect(() => {
    if (!running) return undefined;
    const started = Date.now();
    const timer = setInterval(() => {
      setPercent(Math.min(95, Math.round(((Date.now() - started) / expectedMs) * 100)));
    }, 200);
    return () => {
      clearInterval(timer);
      setPercent(null);
    };
  }, [running, expectedMs]);
  return running ? (percent ?? 0) : 0;
}
