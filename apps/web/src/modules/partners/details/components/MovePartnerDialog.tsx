import { useState } from 'react';
import { App as AntApp, Form, Modal, Radio, Select } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import {
  MovePartnerDocument,
  PartnerDescendantsDocument,
  PartnerOptionsDocument,
} from '@partner-hub/graphql-client';
import { MAX_SEARCH_LENGTH } from '@partner-hub/domain';
import type { PartnerDetailsFieldsFragment } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../../shared/forms/FormField';
import { useMutationForm } from '../../../shared/forms/use-mutation-form';
import { describeError } from '../../../shared/utils/errors';

const moveSchema = z
  .object({ destination: z.enum(['partner', 'top']), parentId: z.string().nullable() })
  .refine((values) => values.destination === 'top' || !!values.parentId, {
    path: ['parentId'],
    message: 'Choose the partner to move it under.',
  });
type MoveValues = z.infer<typeof moveSchema>;

export type MovePartnerDialogProps = {
  partner: PartnerDetailsFieldsFragment;
  open: boolean;
  /** Principal staff may move a partner to the top level; a partner admin only within its own tree. */
  canMoveToTop: boolean;
  onClose: () => void;
};

/** "Move…": puts the partner (with its whole subtree) under another partner, or at the top level. */
export function MovePartnerDialog({ partner, open, canMoveToTop, onClose }: MovePartnerDialogProps) {
  const { message } = AntApp.useApp();
  const [search, setSearch] = useState('');
  const [movePartner] = useMutation(MovePartnerDocument, { refetchQueries: ['PartnerDescendants'] });
  const { data, loading, error } = useQuery(PartnerOptionsDocument, {
    variables: { search: search || null, first: 20 },
    skip: !open,
  });
  // its own sub-partners cannot become its parent: leave them out (the API refuses them regardless)
  const { data: subtree } = useQuery(PartnerDescendantsDocument, {
    variables: { id: partner.id },
    skip: !open,
  });
  const excluded = new Set([
    partner.id,
    partner.parent?.id,
    ...(subtree?.partner.descendants ?? []).map((row) => row.partner.id),
  ]);
  const {
    control,
    handleSubmit,
    setError,
    reset,
    formState: { isSubmitting },
  } = useForm<MoveValues>({
    resolver: zodResolver(moveSchema),
    defaultValues: { destination: 'partner', parentId: null },
  });
  const destination = useWatch({ control, name: 'destination' });
  const { formError, setFormError, submit } = useMutationForm({ setError, fields: ['parentId'] });

  const options = (data?.partners.edges ?? [])
    .map((edge) => edge.node)
    .filter((candidate) => !excluded.has(candidate.id))
    .map((candidate) => ({ value: candidate.id, label: `${candidate.name} (${candidate.partnerId})` }));

  const handleClose = () => {
    reset();
    setSearch('');
    setFormError(null);
    onClose();
  };

  const handleMove = handleSubmit((values) => {
    const parentId = values.destination === 'top' ? null : values.parentId;
    return submit('PartnerSuccess', async () => (await movePartner({ variables: { input: { id: partner.id, parentId } } })).data?.movePartner, {
      onSuccess: () => {
        void message.success(`${partner.name} was moved.`);
        handleClose();
      },
    });
  });

  return (
    <Modal
      open={open}
      title={`Move ${partner.name}`}
      okText="Move"
      onOk={() => void handleMove()}
      onCancel={handleClose}
      confirmLoading={isSubmitting}
      destroyOnHidden
    >
      <Form
        layout="vertical"
        requiredMark={false}
        noValidate
        onFinish={() => void handleMove()}
        aria-label="Move partner"
      >
        <ErrorResultAlert error={formError} />
        {error ? <ErrorResultAlert error={describeError(error)} title="Could not search partners" /> : null}
        {canMoveToTop ? (
          <FormField
            control={control}
            name="destination"
            label="Destination"
            id="move-partner-destination"
            render={(field) => (
              <Radio.Group
                value={field.value}
                onChange={(event) => field.onChange(event.target.value)}
                options={[
                  { value: 'partner', label: 'Under another partner' },
                  { value: 'top', label: 'To the top level', disabled: !partner.parent },
                ]}
              />
            )}
          />
        ) : null}
        {destination === 'partner' ? (
          <FormField
            control={control}
            name="parentId"
            label="New parent partner"
            id="move-partner-parent"
            extra={`${partner.name} moves there with all its sub-partners. A partner cannot move under one of its own sub-partners.`}
            render={(field, aria) => (
              <Select
                {...aria}
                showSearch={{ filterOption: false, onSearch: (text) => setSearch(text.trim().slice(0, MAX_SEARCH_LENGTH)) }}
                allowClear
                placeholder="Search by name, e-mail or Partner ID"
                loading={loading}
                value={field.value ?? undefined}
                onChange={(value: string | undefined) => field.onChange(value ?? null)}
                onBlur={field.onBlur}
                ref={field.ref}
                options={options}
                notFoundContent={loading ? 'Searching…' : 'No partner matches'}
              />
            )}
          />
        ) : null}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Modal>
  );
}
