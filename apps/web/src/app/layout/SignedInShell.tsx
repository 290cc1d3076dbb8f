import { App as AntApp } from 'antd';
import { AppShell } from './AppShell';
import { RequireViewer } from './RequireViewer';

/** Every page behind sign-in: the shell once the viewer is known (loaded on demand, with the first page's code). */
export function SignedInShell() {
  return (
    <AntApp>
      <RequireViewer>
        <AppShell />
      </RequireViewer>
    </AntApp>
  );
}
