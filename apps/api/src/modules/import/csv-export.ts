import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ValidationFailed } from '../../common/errors/app-errors.js';
import { keysetPage } from '../../common/graphql/connection.js';
import type { KeysetOptions, Page } from '../../common/graphql/connection.js';

/**
 * The batch loop every CSV export shares (owners, partners, vehicles, jobs): the list's rows in
 * keyset batches, on an EntityManager fork of the export's own that is cleared after each batch,
 * so a large view never sits in an identity map.
 */

/** How many rows an export reads per batch. */
export const EXPORT_BATCH_SIZE = 1000;

/**
 * Refuses a view of more than `maxRows` rows before anything is read.
 * @param noun the rows' name in the message (`owners`)
 * @throws ValidationFailed on `filter`
 */
export async function checkExportSize<T extends { id: string }>(em: EntityManager, entity: EntityClass<T>, where: FilterQuery<T>, maxRows: number, noun: string): Promise<void> {
  const total = await em.count(entity, where);
  if (total > maxRows) {
    throw ValidationFailed.of('filter', `This view has ${total.toLocaleString('en')} ${noun}; narrow the filters to at most ${maxRows.toLocaleString('en')} to export them.`);
  }
}

export interface ExportBatchOptions<T> {
  orderBy: KeysetOptions<T>['orderBy'];
  direction: 'ASC' | 'DESC';
  populate?: readonly string[];
  batchSize?: number;
  /** stop once this many rows are read (rows added while the export runs cannot push it past its limit) */
  maxRows?: number;
}

/**
 * The rows of `where` in `options`' order, one non-empty batch at a time. `em` is cleared when the
 * consumer asks for the next batch: what it read for one batch must not be kept for the next.
 */
export async function* exportBatches<T extends { id: string }>(em: EntityManager, entity: EntityClass<T>, where: FilterQuery<T>, options: ExportBatchOptions<T>): AsyncGenerator<T[]> {
  const batchSize = options.batchSize ?? EXPORT_BATCH_SIZE;
  let after: string | null = null;
  let read = 0;
  for (;;) {
    const page: Page<T> = await keysetPage(em, entity, where, {
      first: batchSize,
      after,
      maxFirst: batchSize,
      orderBy: options.orderBy,
      direction: options.direction === 'ASC' ? 'asc' : 'desc',
      ...(options.populate ? { populate: options.populate } : {}),
    });
    const rows = page.edges.map((edge) => edge.node);
    if (rows.length === 0) return;
    yield rows;
    read += rows.length;
    em.clear();
    if (!page.pageInfo.hasNextPage || read >= (options.maxRows ?? Infinity)) return;
    after = page.pageInfo.endCursor;
  }
}
