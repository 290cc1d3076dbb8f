import base from '../../.config/eslint.base.mjs';

export default [
  ...base,
  // Jest loads this CommonJS config with require().
  { files: ['jest.config.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', __dirname: 'readonly' } } },
];
