import DataLoader from 'dataloader';
import { batched, computeAlong, contextLoaders } from '../../common/context/loaders.js';
import { loadAlong } from '../../common/db/plain-rows.js';
import { Partner } from './partner.entity.js';
import { chainsAbove } from '../access/partner-tree.queries.js';
import { subPartnerCountSql, subPartnerCounts } from './sub-partner-counts.queries.js';
import type { TreeRow } from '../access/partner-tree.queries.js';

// a partner's name is its organization's: every partner read by id brings its organization along
loadAlong(Partner, ['organization']);

/** The partner tree's loaders (partners by id: `loaderById(ctx, Partner)`). */
export const partnerLoaders = contextLoaders((em) => ({
  subPartnerCount: batched((ids) => subPartnerCounts(em, ids), 0),
  /** the chain above each partner (one recursive query per batch) */
  chainAbove: new DataLoader<string, TreeRow[]>(async (ids) => {
    const chains = await chainsAbove(em, ids);
    return ids.map((id) => chains.get(id) ?? []);
  }),
}));

// a partners page counts each partner's sub-partners in its statement, on the (principal_id, parent_id) index
computeAlong(Partner, 'subPartnerCount', {
  sql: subPartnerCountSql,
  prime: (ctx, id, value) => partnerLoaders(ctx).subPartnerCount.prime(id, Number(value)),
});
