import { useCallback, useEffect, useState } from 'react';

/**
 * A seconds countdown: `start(n)` sets it to n, and it falls by one each second until 0.
 * @returns the seconds left and the function that (re)starts the countdown.
 */
export function useCountdown(): [secondsLeft: number, start: (seconds: number) => void] {
  const [secondsLeft, setSecondsLeft] = useState(0);
  useEffect(() => {
    if (secondsLeft <= 0) return undefined;
    const timer = window.setTimeout(() => setSecondsLeft((left) => Math.max(0, left - 1)), 1000);
    return () => window.clearTimeout(timer);
  }, [secondsLeft]);
  const start = useCallback((seconds: number) => setSecondsLeft(Math.max(0, Math.ceil(seconds))), []);
  return [secondsLeft, start];
}
