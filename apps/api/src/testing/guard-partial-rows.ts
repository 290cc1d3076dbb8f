// Vitest setup file (vitest.config.ts): in every test, a partial row (common/db/plain-rows.ts) throws when a
// property it does not hold is read — a field resolver reading more than its `fieldReads` declare fails
// its test instead of answering null.
import { guardPartialRowReads } from '../common/db/plain-rows.js';

guardPartialRowReads();
