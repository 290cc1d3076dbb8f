import { Grid } from 'antd';

/**
 * Whether the screen is phone-sized (antd's `xs`: narrower than 576 px), where the shell collapses
 * into a drawer and an account menu, lists read as cards and a job's actions sit in a bottom bar.
 * A max-width query, so where media queries do not answer (jsdom) the desktop layout stays.
 */
export function usePhoneLayout(): boolean {
  return Grid.useBreakpoint().xs === true;
}
