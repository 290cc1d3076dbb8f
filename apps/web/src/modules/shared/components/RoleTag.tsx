import { Tag } from 'antd';
import { ROLE_LABELS } from '@partner-hub/domain';
import type { UserRole } from '@partner-hub/domain';

const ROLE_COLORS: Record<UserRole, string> = {
  ADMIN: 'volcano',
  MANAGER: 'blue',
  VIEWER: 'default',
  STAFF: 'cyan',
  TECHNICIAN: 'purple',
};

export type RoleTagProps = { role: UserRole };

/** A user's or API key's role as a coloured tag. */
export function RoleTag({ role }: RoleTagProps) {
  return <Tag color={ROLE_COLORS[role]}>{ROLE_LABELS[role]}</Tag>;
}
