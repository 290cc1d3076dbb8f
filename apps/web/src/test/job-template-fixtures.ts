import type { MockLink } from '@apollo/client/testing';
import { JobTemplateOptionsDocument, JobTemplatesDocument } from '@partner-hub/graphql-client';
import type { JobKind, JobTemplateFieldsFragment, JobTemplateFilter, JobTemplatesQuery } from '@partner-hub/graphql-client';
import { fleetFit } from './job-fixtures';

/** A template as the lists and dialogs receive it: an installation preset, unless overridden. */
export function jobTemplateFixture(overrides: Partial<JobTemplateFieldsFragment> & { id: string }): JobTemplateFieldsFragment {
  return {
    __typename: 'JobTemplate',
    version: 1,
    name: `Template ${overrides.id}`,
    kind: 'INSTALLATION',
    title: 'Fit the T3 unit',
    description: 'Standard installation',
    instructions: 'Behind the glovebox',
    configuration: {
      __typename: 'JobConfigurationType',
      deviceSerial: null,
      deviceModel: 'T3',
      firmware: '2.1',
      installationVariant: null,
      centralLockConnectionType: 'CAN',
      fuelType: null,
      settings: [{ __typename: 'JobSetting', name: 'odometer_source', value: 'can' }],
    },
    defaultServicePartner: fleetFit,
    archivedAt: null,
    createdAt: '2026-10-01T10:00:00.000Z',
    updatedAt: '2026-10-02T10:00:00.000Z',
    ...overrides,
  };
}

/** One page of the templates list answering exactly `filter`. */
export function jobTemplatesMock(filter: JobTemplateFilter, templates: JobTemplateFieldsFragment[], hasNextPage = false): MockLink.MockedResponse {
  const data: JobTemplatesQuery = {
    jobTemplates: {
      __typename: 'JobTemplateConnection',
      totalCount: templates.length + (hasNextPage ? 1 : 0),
      pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: templates.length ? 'c-end' : null },
      edges: templates.map((node, index) => ({ __typename: 'JobTemplateEdge', cursor: `c${index}`, node })),
    },
  };
  return { request: { query: JobTemplatesDocument, variables: { first: 50, filter } }, result: { data }, maxUsageCount: Number.POSITIVE_INFINITY };
}

/** The New job dialog's template picker: the active templates of `kind` (no search). */
export function jobTemplateOptionsMock(kind: JobKind, templates: JobTemplateFieldsFragment[]): MockLink.MockedResponse {
  return {
    request: { query: JobTemplateOptionsDocument, variables: { search: '', kind, first: 20 } },
    result: {
      data: {
        jobTemplates: { __typename: 'JobTemplateConnection', edges: templates.map((node) => ({ __typename: 'JobTemplateEdge', node })) },
      },
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
  };
}
