import type { MockLink } from '@apollo/client/testing';
import { JobDetailsDocument, JobsDocument, ServicePartnerOptionsDocument } from '@partner-hub/graphql-client';
import type { JobDetailsFieldsFragment, JobFilter, JobListFieldsFragment, JobOrder, JobsQuery } from '@partner-hub/graphql-client';

export const fleetFit = { __typename: 'Partner' as const, id: 'p-fleetfit', partnerId: 'FFT3Q', name: 'FleetFit Service' };

/** A job as the jobs list receives it: a pending installation offering the viewer no action, unless overridden. */
export function jobFixture(overrides: Partial<JobListFieldsFragment> & { id: string }): JobListFieldsFragment {
  return {
    __typename: 'Job',
    kind: 'INSTALLATION',
    status: 'PENDING',
    availableActions: [],
    title: `Job ${overrides.id}`,
    scheduledFor: '2026-12-01',
    attempt: 1,
    createdAt: '2026-11-01T10:00:00.000Z',
    vehicle: { __typename: 'Vehicle', id: 'v1', vin: 'WAUZZZ8V0KA000001' },
    servicePartner: null,
    template: null,
    importBatch: null,
    ...overrides,
  };
}

/** A job as its page receives it: the list fields plus texts, vehicle, configuration and history. */
export function jobDetailsFixture(overrides: Partial<JobDetailsFieldsFragment> & { id: string }): JobDetailsFieldsFragment {
  return {
    ...jobFixture({ id: overrides.id }),
    version: 1,
    description: 'Fit the unit',
    instructions: 'Behind the glovebox',
    failureReason: null,
    cancelReason: null,
    vehicle: {
      __typename: 'Vehicle',
      id: 'v1',
      vin: 'WAUZZZ8V0KA000001',
      make: 'Aurora',
      model: 'Orion',
      year: 2024,
      plate: 'B-AB 1',
      deviceSerial: null,
      deviceModel: null,
      firmware: null,
    },
    configurationOverride: 'NOT_YOURS',
    configuration: {
      __typename: 'JobConfigurationType',
      deviceSerial: 'TU-77',
      deviceModel: 'T3',
      firmware: '2.1',
      installationVariant: null,
      centralLockConnectionType: 'CAN',
      fuelType: null,
      settings: [{ __typename: 'JobSetting', name: 'odometer_source', value: 'can' }],
    },
    events: [
      {
        __typename: 'JobEvent',
        id: 'e1',
        type: 'CREATED',
        fromStatus: null,
        toStatus: 'PENDING',
        reason: null,
        changes: null,
        actorLabel: 'admin@aurora-motors.example',
        createdAt: '2026-11-01T10:00:00.000Z',
      },
    ],
    ...overrides,
  };
}

/** One page of the jobs list answering exactly `filter` and `orderBy`. */
export function jobsMock(
  filter: JobFilter,
  jobs: JobListFieldsFragment[],
  orderBy: JobOrder = { field: 'CREATED_AT', direction: 'DESC' },
): MockLink.MockedResponse {
  const data: JobsQuery = {
    jobs: {
      __typename: 'JobConnection',
      totalCount: jobs.length,
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: jobs.length ? 'c-end' : null },
      edges: jobs.map((node, index) => ({ __typename: 'JobEdge', cursor: `c${index}`, node })),
    },
  };
  return { request: { query: JobsDocument, variables: { first: 50, filter, orderBy } }, result: { data } };
}

/** The job page's query answering with `job`. */
export function jobDetailsMock(job: JobDetailsFieldsFragment): MockLink.MockedResponse {
  return { request: { query: JobDetailsDocument, variables: { id: job.id } }, result: { data: { job } } };
}

/** The service partner pickers' first query (empty search), repeatable. */
export function servicePartnerOptionsMock(status: 'ACCEPTED' | null): MockLink.MockedResponse {
  return {
    request: { query: ServicePartnerOptionsDocument, variables: { search: '', status, first: 20 } },
    result: {
      data: {
        partners: {
          __typename: 'PartnerConnection',
          edges: [{ __typename: 'PartnerEdge', node: { ...fleetFit, status: 'ACCEPTED' } }],
        },
      },
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
  };
}
