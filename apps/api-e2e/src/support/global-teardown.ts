/** Removes the template data dir of global-setup.ts (Jest runs both in the same process). */
export default function globalTeardown(): void {
  (globalThis as { removeTemplateDataDir?: () => void }).removeTemplateDataDir?.();
}
