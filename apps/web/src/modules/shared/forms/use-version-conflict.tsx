import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { Alert, Button, Modal, Space } from 'antd';
import { useApolloClient } from '@apollo/client/react';
import type { FieldValues, Path, PathValue, UseFormGetValues, UseFormReset, UseFormSetValue } from 'react-hook-form';

type ResultLike = { __typename: string; message?: string };

export type UseVersionConflictOptions<T extends FieldValues> = {
  /** the edit form (`useForm`'s return) */
  form: { getValues: UseFormGetValues<T>; reset: UseFormReset<T>; setValue: UseFormSetValue<T> };
  /** the object's values as the server has them, memoized on the object; the form is reset to them whenever they change */
  serverValues: T | null | undefined;
  /** what the form edits, for the dialog: "vehicle", "partner", … */
  objectName: string;
  /** reloads the object; by default every active query */
  reload?: () => Promise<unknown>;
};

export type VersionConflictHandle = {
  /** true (and the dialog opens) when a mutation's result is a `VersionConflictError` */
  handleResult: (result: ResultLike | null | undefined) => boolean;
  /** the dialog; render it inside the form's component */
  dialog: ReactNode;
};

/**
 * The one answer of every edit form to a `VersionConflictError` (someone else saved the object
 * after the form was opened): a dialog offering "Reload and keep my edits" — the fresh object with
 * the fields the user changed put back on top (the form then sends the new version) — or "Discard
 * my edits". Also keeps the form in step with the server: it resets to `serverValues` when they change.
 */
export function useVersionConflict<T extends FieldValues>({ form, serverValues, objectName, reload }: UseVersionConflictOptions<T>): VersionConflictHandle {
  const client = useApolloClient();
  const [conflict, setConflict] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pending = useRef<Partial<T> | null>(null);
  const shown = useRef<T | null>(null);
  const { getValues, reset, setValue } = form;

  useEffect(() => {
    if (!serverValues) return;
    reset(serverValues);
    shown.current = serverValues;
    const kept = pending.current;
    pending.current = null;
    if (!kept) return;
    for (const [name, value] of Object.entries(kept)) {
      setValue(name as Path<T>, value as PathValue<T, Path<T>>, { shouldDirty: true });
    }
  }, [serverValues, reset, setValue]);

  const handleReload = async (keep: boolean) => {
    if (keep) {
      const current = getValues();
      const before = (shown.current ?? {}) as Record<string, unknown>;
      pending.current = Object.fromEntries(
        Object.entries(current).filter(([name, value]) => JSON.stringify(value ?? null) !== JSON.stringify(before[name] ?? null)),
      ) as Partial<T>;
    } else {
      pending.current = null;
    }
    setBusy(true);
    try {
      await (reload ? reload() : client.refetchQueries({ include: 'active' }));
    } finally {
      setBusy(false);
      setConflict(null);
    }
  };

  const dialog = (
    <Modal
      open={conflict !== null}
      title={`Someone else changed this ${objectName} since you opened it`}
      closable={false}
      maskClosable={false}
      footer={
        <Space>
          <Button onClick={() => void handleReload(false)} disabled={busy}>
            Discard my edits
          </Button>
          <Button type="primary" onClick={() => void handleReload(true)} loading={busy}>
            Reload and keep my edits
          </Button>
        </Space>
      }
    >
      <Alert
        type="warning"
        showIcon
        message="Your changes were not saved."
        description={`${conflict ?? ''} Reload to see their changes: your edits are put back on top of them, and you can save again.`}
      />
    </Modal>
  );

  return {
    handleResult: (result) => {
      if (result?.__typename !== 'VersionConflictError') return false;
      setConflict(result.message ?? '');
      return true;
    },
    dialog,
  };
}
