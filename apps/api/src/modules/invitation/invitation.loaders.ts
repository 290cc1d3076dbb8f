import DataLoader from 'dataloader';
import { contextLoaders } from '../../common/context/loaders.js';
import { rowShape, selectRows, tenantSql } from '../../common/db/plain-rows.js';
import { uuidArray } from '../../common/db/uuid-array.js';
import { PartnerInvitation } from './partner-invitation.entity.js';

export const invitationLoaders = contextLoaders((em) => ({
  /**
   * each partner's newest invitation: plain rows (common/db/plain-rows.ts), one per partner by
   * `distinct on`, walking the (partner_id, created_at) index — not every invitation ever sent
   */
  latestInvitation: new DataLoader<string, PartnerInvitation | null>(async (ids) => {
    const shape = rowShape(em, PartnerInvitation);
    const params: unknown[] = [uuidArray(ids)];
    const rows = await selectRows(
      em,
      `select distinct on (t."partner_id") ${shape.columns('t')} from "${shape.table}" as t
        where t."partner_id" = any(?::uuid[]) and ${tenantSql(em, shape, 't', params)}
        order by t."partner_id", t."created_at" desc, t."id" desc`,
      params,
    );
    const latest = new Map(rows.map((row) => shape.toObject(row)).map((invitation) => [invitation.partner.id, invitation]));
    return ids.map((id) => latest.get(id) ?? null);
  }),
}));
