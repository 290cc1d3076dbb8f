import { Tag } from 'antd';

export type PartnerFlagTagsProps = {
  allowJobOverride: boolean;
  blocked: boolean;
  archived?: boolean;
};

/** The settings worth seeing at a glance, in a list row and on the details page alike: job override, blocked, archived. */
export function PartnerFlagTags({ allowJobOverride, blocked, archived }: PartnerFlagTagsProps) {
  return (
    <>
      {allowJobOverride ? <Tag color="cyan">Job override allowed</Tag> : null}
      {blocked ? <Tag color="red">Blocked</Tag> : null}
      {archived ? <Tag>Archived</Tag> : null}
    </>
  );
}
