import type { Ref } from 'react';
import { Select } from 'antd';
import type { RefSelectProps } from 'antd';
import { ROLE_LABELS } from '@partner-hub/domain';
import type { UserRole } from '@partner-hub/domain';
import type { FieldAriaProps } from '../../shared/forms/FormField';

export type RoleSelectProps = FieldAriaProps & {
  roles: readonly UserRole[];
  value: UserRole | undefined;
  onChange: (role: UserRole) => void;
  onBlur?: () => void;
  ref?: Ref<RefSelectProps>;
  disabled?: boolean;
};

/** A role picker limited to the roles of the organization's kind. */
export function RoleSelect({ roles, value, onChange, onBlur, ref, disabled, ...aria }: RoleSelectProps) {
  return (
    <Select<UserRole>
      {...aria}
      ref={ref}
      value={value}
      onChange={onChange}
      onBlur={onBlur}
      disabled={disabled}
      placeholder="Choose a role"
      options={roles.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
    />
  );
}
