import { useEffect, useRef, useState } from 'react';
import { App as AntApp, Alert, Button, DatePicker, Flex, Form, Input, List, Modal, Typography } from 'antd';
import { useLazyQuery, useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import dayjs from 'dayjs';
import { useForm } from 'react-hook-form';
import type { Resolver } from 'react-hook-form';
import { BulkJobActionDocument, BulkJobActionPreviewDocument } from '@partner-hub/graphql-client';
import type { BulkJobActionPreviewQuery } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../shared/forms/FormField';
import { useMutationForm } from '../../shared/forms/use-mutation-form';
import { describeError } from '../../shared/utils/errors';
import { BULK_ACTION_DONE, BULK_ACTION_LABELS, OFFERED_BULK_ACTIONS, bulkOptionsSchema, confirmationSentence, emptyBulkOptions, groupRefusals, needsServicePartner, toBulkInput } from '../utils/bulk-actions';
import type { BulkOptionValues, OfferedBulkAction } from '../utils/bulk-actions';
import { JobStatusTag } from './JobStatusTag';
import { ServicePartnerSelect } from './ServicePartnerSelect';

type Preview = BulkJobActionPreviewQuery['bulkJobActionPreview'];

const BULK_FIELDS = ['servicePartnerId', 'accessUntil', 'scheduledFor', 'reason'] as const;

/** How many jobs of a refusal group the confirmation names before "and N more". */
const NAMED_PER_GROUP = 5;

type BulkActionDialogProps = {
  action: OfferedBulkAction;
  ids: string[];
  onClose: () => void;
  onApplied: () => void;
  /** switches to another action over the same selection (Assign refusing failed jobs offers Reassign) */
  onSwitch: (action: OfferedBulkAction) => void;
};

/**
 * One bulk action in two steps: what it needs (a service partner, a day, a reason), then the
 * confirmation from bulkJobActionPreview — how many jobs change, and which are refused and why,
 * grouped by reason — and only then the change, all at once.
 */
function BulkActionDialog({ action, ids, onClose, onApplied, onSwitch }: BulkActionDialogProps) {
  const { message } = AntApp.useApp();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [loadPreview] = useLazyQuery(BulkJobActionPreviewDocument, { fetchPolicy: 'network-only' });
  const [apply, { loading: applying }] = useMutation(BulkJobActionDocument, {
    refetchQueries: (result) => (result.data?.bulkJobAction.__typename === 'BulkJobActionPlan' ? ['Jobs'] : []),
  });
  const {
    control,
    handleSubmit,
    setError,
    getValues,
    formState: { isSubmitting },
  } = useForm<BulkOptionValues>({ resolver: zodResolver(bulkOptionsSchema(action)) as Resolver<BulkOptionValues>, defaultValues: emptyBulkOptions() });
  const { formError, setFormError, submit } = useMutationForm({ setError, fields: BULK_FIELDS });

  const handleReview = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const { data, error } = await loadPreview({ variables: { input: toBulkInput(action, ids, values) } });
      if (error) throw error;
      if (data) setPreview(data.bulkJobActionPreview);
    } catch (previewError) {
      setFormError({ message: describeError(previewError) });
    }
  });

  const handleApply = () =>
    submit('BulkJobActionPlan', async () => (await apply({ variables: { input: toBulkInput(action, ids, getValues()) } })).data?.bulkJobAction, {
      onSuccess: ({ applicable }) => {
        const n = applicable.length;
        void message.success(`${n} ${n === 1 ? 'job was' : 'jobs were'} ${BULK_ACTION_DONE[action]}.`);
        onApplied();
      },
    });

  // DELETE asks for nothing: straight to the confirmation
  const needsOptions = action !== 'DELETE';
  const reviewing = preview !== null || !needsOptions;
  const autoReviewed = useRef(false);
  useEffect(() => {
    if (needsOptions || autoReviewed.current) return;
    autoReviewed.current = true;
    void handleReview();
  }, [needsOptions, handleReview]);

  const groups = preview ? groupRefusals(preview.refused) : [];
  const title = `${BULK_ACTION_LABELS[action].replace('…', '')} — ${ids.length} selected`;
  const applyLabel = preview ? `${BULK_ACTION_LABELS[action].replace('…', '').replace(' jobs', '')} ${preview.applicable.length} ${preview.applicable.length === 1 ? 'job' : 'jobs'}` : 'Apply';

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      width={640}
      destroyOnHidden
      footer={
        reviewing
          ? [
              needsOptions ? (
                <Button key="back" onClick={() => setPreview(null)}>
                  Back
                </Button>
              ) : null,
              <Button key="close" onClick={onClose}>
                Close
              </Button>,
              <Button key="apply" type="primary" danger={action === 'DELETE' || action === 'CANCEL'} loading={applying} disabled={!preview || preview.applicable.length === 0} onClick={() => void handleApply()}>
                {applyLabel}
              </Button>,
            ]
          : [
              <Button key="close" onClick={onClose}>
                Close
              </Button>,
              <Button key="review" type="primary" loading={isSubmitting} onClick={() => void handleReview()}>
                Review
              </Button>,
            ]
      }
    >
      <ErrorResultAlert error={formError} />
      {!preview && needsOptions ? (
        <Form layout="vertical" requiredMark={false} noValidate onFinish={() => void handleReview()} aria-label={title}>
          {needsServicePartner(action) ? (
            <>
              <FormField
                control={control}
                name="servicePartnerId"
                label="Service partner"
                id="bulk-partner"
                extra="Accepted service partners only."
                render={(field, aria) => <ServicePartnerSelect {...aria} acceptedOnly ref={field.ref} value={field.value} onChange={field.onChange} onBlur={field.onBlur} style={{ width: '100%' }} />}
              />
              <FormField
                control={control}
                name="accessUntil"
                label="Technicians' access ends at the latest (optional)"
                id="bulk-access-until"
                render={(field, aria) => (
                  <DatePicker {...aria} showTime value={field.value ? dayjs(field.value) : null} onChange={(time) => field.onChange(time ? time.toISOString() : null)} style={{ width: '100%' }} />
                )}
              />
            </>
          ) : null}
          {action === 'RESCHEDULE' ? (
            <FormField
              control={control}
              name="scheduledFor"
              label="New day"
              id="bulk-day"
              render={(field, aria) => (
                <DatePicker {...aria} value={field.value ? dayjs(field.value) : null} onChange={(day) => field.onChange(day ? day.format('YYYY-MM-DD') : '')} style={{ width: '100%' }} />
              )}
            />
          ) : null}
          {action === 'CANCEL' ? (
            <FormField
              control={control}
              name="reason"
              label="Why are the jobs cancelled?"
              id="bulk-reason"
              render={(field, aria) => <Input.TextArea {...aria} ref={field.ref} value={field.value} onChange={field.onChange} onBlur={field.onBlur} rows={3} />}
            />
          ) : null}
          <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
        </Form>
      ) : null}
      {reviewing && !preview && !formError ? <Typography.Text type="secondary">Checking the selected jobs…</Typography.Text> : null}
      {preview ? (
        <Flex vertical gap={12} role="region" aria-label="Confirmation">
          <Typography.Text strong>{confirmationSentence(action, preview.applicable.length, preview.refused.length)}</Typography.Text>
          {action === 'ASSIGN' && preview.refused.some(({ job }) => job.status === 'FAILED') ? (
            <Alert
              type="info"
              title="A failed job is not assigned again: it is reassigned, as a new attempt with its history kept."
              action={
                <Button size="small" onClick={() => onSwitch('REASSIGN')}>
                  Reassign instead…
                </Button>
              }
            />
          ) : null}
          {groups.map((group) => (
            <Alert
              key={group.message}
              type="warning"
              title={`${group.message} (${group.jobs.length})`}
              description={
                <List
                  size="small"
                  dataSource={group.jobs.slice(0, NAMED_PER_GROUP)}
                  renderItem={(job) => (
                    <List.Item>
                      <Flex gap={8} align="center">
                        <JobStatusTag status={job.status} />
                        {job.title ?? 'Untitled job'}
                      </Flex>
                    </List.Item>
                  )}
                  footer={group.jobs.length > NAMED_PER_GROUP ? `and ${group.jobs.length - NAMED_PER_GROUP} more` : undefined}
                />
              }
            />
          ))}
        </Flex>
      ) : null}
    </Modal>
  );
}

export type JobBulkBarProps = {
  /** the selected jobs' ids (across every loaded page) */
  selectedIds: string[];
  onClear: () => void;
};

/** "N selected" above the jobs table, with the bulk actions; after one applies, the selection is cleared. */
export function JobBulkBar({ selectedIds, onClear }: JobBulkBarProps) {
  const [action, setAction] = useState<OfferedBulkAction | null>(null);
  if (selectedIds.length === 0 && !action) return null;
  return (
    <Flex gap={8} wrap align="center" role="toolbar" aria-label="Bulk actions" style={{ marginBottom: 12, padding: '8px 12px', background: 'rgba(22, 119, 255, 0.06)', borderRadius: 8 }}>
      <Typography.Text strong>{selectedIds.length} selected</Typography.Text>
      {OFFERED_BULK_ACTIONS.map((offered) => (
        <Button key={offered} size="small" danger={offered === 'DELETE'} onClick={() => setAction(offered)} disabled={selectedIds.length === 0}>
          {BULK_ACTION_LABELS[offered]}
        </Button>
      ))}
      <Button size="small" type="link" onClick={onClear}>
        Clear selection
      </Button>
      {action ? (
        <BulkActionDialog
          key={action}
          action={action}
          onSwitch={setAction}
          ids={selectedIds}
          onClose={() => setAction(null)}
          onApplied={() => {
            setAction(null);
            onClear();
          }}
        />
      ) : null}
    </Flex>
  );
}
