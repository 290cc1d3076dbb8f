import { Tag } from 'antd';

export type PartnerFlagTagsProps = {
  allowJobOverride: boolean;
  blocked: boolean;
  archived?: boolean;
};

/** The settings worth seeing at a glance in a list row: job override, blocked, archived. */
export function PartnerFlagTags({ allowJobOverride, blocked, archived }: PartnerFlagTagsProps) {
  return (
    <>
      {allowJobOverride ? <Tag color="cyan">Override enabled</Tag> : null}
      {blocked ? <Tag color="red">Blocked</Tag> : null}
      {archived ? <Tag>Archived</Tag> : null}
    </>
  );
}
