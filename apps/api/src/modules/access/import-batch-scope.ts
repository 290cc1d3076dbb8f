import type { RequestContext } from '../../common/context/request-context.js';
import { ImportBatch } from '../import/import-batch.entity.js';

/**
 * Loads an import batch the viewer may see — one of its own organization's (the tenant filter of
 * `import_batch`), which `importBatches` lists and `importBatch(id)` answers — or null, exactly as
 * for an id that does not exist.
 */
export async function findVisibleImportBatch(ctx: RequestContext, id: string): Promise<ImportBatch | null> {
  return /^[0-9a-f-]{36}$/i.test(id) ? ctx.em.findOne(ImportBatch, { id }) : null;
}
