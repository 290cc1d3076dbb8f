import { useState } from 'react';
import { App as AntApp } from 'antd';
import { useMutation } from '@apollo/client/react';
import { readPreference } from '@partner-hub/domain';
import type { PreferenceKey, PreferenceValue } from '@partner-hub/domain';
import { SetMyPreferenceDocument, ViewerDocument } from '@partner-hub/graphql-client';
import { useViewer } from '../../auth/hooks/viewer-context';
import { describeError } from '../utils/errors';

/**
 * One of the signed-in user's preferences (libs/domain `PREFERENCE_SCHEMAS`), kept on the server so
 * it follows the user across browsers: the stored value (or `fallback` while none fits), and a
 * setter that shows the new value at once, saves it, and goes back with a notification if the
 * server refuses. `null` forgets the choice, so the fallback applies again.
 */
export function usePreference<K extends PreferenceKey>(key: K, fallback: PreferenceValue<K>): [PreferenceValue<K>, (value: PreferenceValue<K> | null) => Promise<void>] {
  const viewer = useViewer();
  const { notification } = AntApp.useApp();
  // what the user just chose, until the viewer (re-read from the cache) carries it
  const [chosen, setChosen] = useState<{ value: PreferenceValue<K> | null } | null>(null);
  const [save] = useMutation(SetMyPreferenceDocument, {
    update(cache, { data }) {
      const result = data?.setMyPreference;
      if (result?.__typename !== 'SetMyPreferenceSuccess') return;
      cache.updateQuery({ query: ViewerDocument }, (current) => (current?.viewer ? { viewer: { ...current.viewer, preferences: result.preferences } } : current));
    },
  });

  const stored = readPreference(viewer.preferences, key, fallback);
  const value = chosen ? (chosen.value ?? fallback) : stored;

  const setValue = async (next: PreferenceValue<K> | null) => {
    setChosen({ value: next });
    try {
      const { data } = await save({ variables: { input: { key, value: next } } });
      const result = data?.setMyPreference;
      if (result && result.__typename !== 'SetMyPreferenceSuccess') throw new Error(result.message);
    } catch (error) {
      setChosen(null);
      notification.error({ title: 'Your choice was not saved', description: describeError(error) });
    }
  };

  return [value, setValue];
}
