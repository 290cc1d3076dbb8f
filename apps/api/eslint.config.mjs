import boundaries from 'eslint-plugin-boundaries';
import base from '../../.config/eslint.base.mjs';

/**
 * The api's dependency direction (docs/architecture.md, "The api's layers"):
 *   main → app → features → access / import / audit / mail → common → config
 * Every layer may use libs/domain. Across features only `*.entity.ts`, `*.errors.ts` and `*.types.ts`
 * are shared. Tests and src/testing/ may import anything; nothing else imports them.
 */
const FEATURE_SHARED = 'src/modules/*/*.{entity,errors,types}.ts';
const SERVICES = ['access', 'import', 'audit', 'mail'];

const layers = [
  { type: 'test', pattern: ['src/**/*.spec.ts', 'src/**/*.int-spec.ts', 'src/testing/**'], mode: 'full' },
  { type: 'main', pattern: 'src/main.ts', mode: 'full' },
  { type: 'app', pattern: 'src/app/**', mode: 'full' },
  { type: 'db', pattern: 'src/db/**', mode: 'full' },
  { type: 'config', pattern: 'src/config/**', mode: 'full' },
  { type: 'common', pattern: 'src/common/**', mode: 'full' },
  { type: 'factory', pattern: 'src/modules/*/*.factory.ts', mode: 'full', capture: ['feature'] },
  { type: 'service', pattern: `src/modules/{${SERVICES.join(',')}}/**`, mode: 'full' },
  { type: 'shared', pattern: FEATURE_SHARED, mode: 'full', capture: ['feature'] },
  { type: 'feature', pattern: 'src/modules/*/**', mode: 'full', capture: ['feature'] },
];

const sameFeature = (type) => [type, { feature: '${from.feature}' }];

export default [
  ...base,
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts', 'src/**/*.int-spec.ts', 'src/testing/**'],
    plugins: { boundaries },
    settings: {
      'boundaries/root-path': import.meta.dirname,
      'boundaries/include': ['src/**/*.ts'],
      'boundaries/elements': layers,
      'import/resolver': { typescript: { project: `${import.meta.dirname}/tsconfig.json` } },
    },
    rules: {
      'boundaries/element-types': [
        'error',
        {
          default: 'disallow',
          message: '${file.type} may not import ${dependency.type} (${dependency.source}): see the dependency direction in apps/api/eslint.config.mjs',
          rules: [
            { from: 'main', allow: ['app', 'db', 'feature', 'shared', 'service', 'common', 'config'] },
            { from: 'app', allow: ['app', 'feature', 'shared', 'service', 'common', 'config'] },
            { from: 'db', allow: ['db', 'shared', 'factory', 'service', 'common', 'config'] },
            { from: 'feature', allow: [sameFeature('feature'), 'shared', 'service', 'common', 'config'] },
            { from: 'shared', allow: [sameFeature('feature'), 'shared', 'service', 'common', 'config'] },
            { from: 'factory', allow: [sameFeature('feature'), 'factory', 'shared', 'service', 'common', 'config'] },
            { from: 'service', allow: ['service', 'shared', 'common', 'config'] },
            { from: 'common', allow: ['common', 'config'] },
            { from: 'config', allow: ['config'] },
          ],
        },
      ],
    },
  },
];
