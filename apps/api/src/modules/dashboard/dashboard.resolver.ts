import { Ctx, Query, Resolver, Subscription } from 'type-graphql';
import { Parent } from '../../common/graphql/parent.js';
import { Allow } from '../../common/auth/authorize.js';
import { viewerOf } from '../../common/context/request-context.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { dashboardHubOf } from './dashboard.hub.js';
import { readPrincipalSnapshot } from './dashboard.snapshot.js';
import { audienceOf, dashboardView, listedPartnersOf } from './dashboard.view.js';
import { Dashboard } from './dashboard.types.js';

/** The live job-progress dashboard (DESIGN.md §5, docs/dashboard.md). */
@Resolver()
export class DashboardResolver {
  @Allow('jobs:read')
  @Query(() => Dashboard, {
    description:
      'The job-progress dashboard over the jobs the viewer may see: principal staff all of their principal\'s; a partner\'s admins and staff those assigned to their partnerships; technicians the same with their open work ("my jobs today"). Follow it live with dashboardChanged.',
  })
  async dashboard(@Ctx() ctx: RequestContext): Promise<Dashboard> {
    const audience = audienceOf(viewerOf(ctx));
    const db = ctx.em.getConnection();
    const snapshots = await Promise.all(
      audience.principalIds.map((id) => readPrincipalSnapshot(db, id, listedPartnersOf(audience))),
    );
    return dashboardView(audience, new Map(snapshots.map((s) => [s.principalId, s])));
  }

  @Allow('jobs:read')
  @Subscription(() => Dashboard, {
    subscribe: ({ context }) => {
      const ctx = context as RequestContext;
      return dashboardHubOf(ctx.deps.pubSub, ctx.em.getConnection(), ctx.deps.logger).subscribe(
        audienceOf(viewerOf(ctx)),
      );
    },
    description:
      "The dashboard again whenever the viewer's jobs changed — at most about once a second, however many changes (read once per principal and shared by all its subscribers). Nothing is sent until the first change: read the dashboard query first, and again after reconnecting.",
  })
  dashboardChanged(@Parent() dashboard: Dashboard): Dashboard {
    return dashboard;
  }
}
