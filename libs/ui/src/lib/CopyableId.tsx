import { Typography } from 'antd';

export type CopyableIdProps = {
  /** The identifier (or secret) to show and copy. */
  value: string;
  /** Show only the first characters, with an ellipsis; the copy button still copies everything. */
  truncate?: number;
  /** Accessible name of the copy button. */
  copyLabel?: string;
};

/** An identifier in monospace with a copy button. */
export function CopyableId({ value, truncate, copyLabel = 'Copy' }: CopyableIdProps) {
  const shown = truncate && value.length > truncate ? `${value.slice(0, truncate)}…` : value;
  return (
    <Typography.Text
      code
      title={value}
      copyable={{ text: value, tooltips: [copyLabel, 'Copied'] }}
      style={{ whiteSpace: 'nowrap' }}
    >
      {shown}
    </Typography.Text>
  );
}
