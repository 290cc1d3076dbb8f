import { prepareTemplateDataDir } from '@partner-hub/e2e-support';

/** Once per run: the data dir every spec file's server starts from (see prepareTemplateDataDir). */
export default async function globalSetup(): Promise<void> {
  (globalThis as { removeTemplateDataDir?: () => void }).removeTemplateDataDir = await prepareTemplateDataDir();
}
