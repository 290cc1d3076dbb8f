import { Ctx, FieldResolver, Resolver } from 'type-graphql';
import { Parent } from '../../common/graphql/parent.js';
import { Allow } from '../../common/auth/authorize.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { loaderById } from '../../common/context/loaders.js';
import { Organization } from '../organization/organization.entity.js';
import { User } from '../user/user.entity.js';
import { ApiKey } from '../api-key/api-key.entity.js';
import { isCut, partnershipStates } from '../access/partnership-access.js';
import { CutPartnership, ViewerType } from './viewer.types.js';

@Resolver(() => ViewerType)
export class ViewerFieldsResolver {
  @Allow()
  @FieldResolver(() => User, { nullable: true, description: 'The signed-in user; null for an API key.' })
  user(@Parent() root: ViewerType, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return root.viewer.userId ? loaderById(ctx, User).load(root.viewer.userId) : null;
  }

  @Allow()
  @FieldResolver(() => ApiKey, { nullable: true, description: 'The API key the request came with; null for a user.' })
  apiKey(@Parent() root: ViewerType, @Ctx() ctx: RequestContext): Promise<ApiKey | null> | null {
    return root.viewer.apiKeyId ? loaderById(ctx, ApiKey).load(root.viewer.apiKeyId) : null;
  }

  @Allow()
  @FieldResolver(() => Organization, { description: 'The organization the request acts for.' })
  async organization(@Parent() root: ViewerType, @Ctx() ctx: RequestContext): Promise<Organization> {
    const organization = await loaderById(ctx, Organization).load(root.viewer.organizationId);
    if (!organization) throw new Error(`organization ${root.viewer.organizationId} of a viewer is missing`);
    return organization;
  }

  @Allow()
  @FieldResolver(() => [CutPartnership], {
    description:
      "For a partner organization that works for several principals: the partnerships of the viewer's own organization that are cut off now (blocked or archived by their principal, or their users blocked from above), so the app can say why that principal's data is hidden. Empty for principal staff and when nothing is cut.",
  })
  async cutPartnerships(@Parent() root: ViewerType, @Ctx() ctx: RequestContext): Promise<CutPartnership[]> {
    const { viewer } = root;
    if (viewer.organizationKind === 'PRINCIPAL') return [];
    const states = await partnershipStates(ctx.em, viewer.organizationId);
    return states
      .filter((state) => isCut(state, viewer.kind))
      .map((state) => Object.assign(new CutPartnership(), { principalName: state.principalName, blocked: state.blocked }));
  }
}
