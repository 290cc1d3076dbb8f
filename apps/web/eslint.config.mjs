import base from '../../.config/eslint.base.mjs';
import reactHooks from 'eslint-plugin-react-hooks';

export default [...base, reactHooks.configs.flat['recommended-latest']];
