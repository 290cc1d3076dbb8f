import { Arg, Ctx, FieldResolver, Int, Query, Resolver } from 'type-graphql';
import { Parent } from '../../common/graphql/parent.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { Allow } from '../../common/auth/authorize.js';
import { Connection, keysetPage } from '../../common/graphql/connection.js';
import { User } from '../user/user.entity.js';
import { ImportBatch, ImportKindEnum } from './import-batch.entity.js';
import type { ImportKind } from './import-batch.entity.js';
import { loaderById } from '../../common/context/loaders.js';

export const ImportBatchConnection = Connection(ImportBatch);

/** The import batches every CSV import records: the list and who ran each. */
@Resolver(() => ImportBatch)
export class ImportBatchResolver {
  @Allow('partners:read')
  @Query(() => ImportBatchConnection, { description: 'The CSV imports of the viewer\'s organization, newest first.' })
  async importBatches(
    @Ctx() ctx: RequestContext,
    @Arg('kind', () => ImportKindEnum, { nullable: true, description: 'Only imports of this kind.' }) kind?: ImportKind | null,
    @Arg('first', () => Int, { defaultValue: 20, description: 'Page size, 1 to 200.' }) first = 20,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
  ) {
    return keysetPage(ctx.em, ImportBatch, kind ? { kind } : {}, { first, after, orderBy: 'createdAt', direction: 'desc' });
  }

  @Allow()
  @FieldResolver(() => User, { nullable: true, description: 'The user who ran the import (null for an API key or a removed user).' })
  async createdBy(@Parent() batch: ImportBatch, @Ctx() ctx: RequestContext): Promise<User | null> {
    return batch.createdBy ? loaderById(ctx, User).load(batch.createdBy.id) : null;
  }
}
