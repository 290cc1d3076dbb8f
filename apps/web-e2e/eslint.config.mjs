import base, { tseslint } from '../../.config/eslint.base.mjs';

export default [
  // The base applies @typescript-eslint rules to .js/.mjs files too; register the plugin for them.
  { plugins: { '@typescript-eslint': tseslint.plugin } },
  ...base,
  // Tool configs reach the shared config files under /.config by relative path.
  { files: ['*.config.{ts,mjs}'], rules: { '@nx/enforce-module-boundaries': 'off' } },
];
