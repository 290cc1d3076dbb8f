import DataLoader from 'dataloader';
import { contextLoaders } from '../../common/context/loaders.js';
import { PartnerInvitation } from './partner-invitation.entity.js';

export const invitationLoaders = contextLoaders((em) => ({
  /** each partner's newest invitation */
  latestInvitation: new DataLoader<string, PartnerInvitation | null>(async (ids) => {
    const rows = await em.find(PartnerInvitation, { partner: { $in: [...ids] } }, { orderBy: { createdAt: 'desc' } });
    const latest = new Map<string, PartnerInvitation>();
    for (const row of rows) if (!latest.has(row.partner.id)) latest.set(row.partner.id, row);
    return ids.map((id) => latest.get(id) ?? null);
  }),
}));
