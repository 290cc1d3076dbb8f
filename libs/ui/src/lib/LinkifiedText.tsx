import { Fragment } from 'react';

export type LinkifiedTextProps = {
  /** Plain text, e.g. the body of an e-mail. */
  text: string;
};

const URL_PATTERN = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])/g;

/** Plain text with line breaks kept and every http(s) URL turned into a link that opens in a new tab. */
export function LinkifiedText({ text }: LinkifiedTextProps) {
  const parts = text.split(URL_PATTERN);
  return (
    <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part} target="_blank" rel="noreferrer noopener">
            {part}
          </a>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </div>
  );
}
