import { isDeepStrictEqual } from 'node:util';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { OrganizationKind, UserRole } from '@partner-hub/domain';
import { BulkJobActionDocument, BulkJobActionPreviewDocument, CreateJobDocument, JobVehicleOptionsDocument, SetMyPreferenceDocument, UpdateJobDocument } from '@partner-hub/graphql-client';
import type { BulkJobActionInput, ViewerFieldsFragment } from '@partner-hub/graphql-client';
import { createCache } from '../../../app/apollo-client';
import { viewerFixture } from '../../../test/fixtures';
import { fleetFit, jobDetailsFixture, jobDetailsMock, jobFixture, jobsMock, servicePartnerOptionsMock } from '../../../test/job-fixtures';
import { ViewerContext } from '../../auth/hooks/viewer-context';
import { CreateJobDialog } from './CreateJobDialog';
import { JobList } from './JobList';

function renderList(mocks: MockLink.MockedResponse[], viewer: ViewerFieldsFragment = viewerFixture('PRINCIPAL', 'ADMIN')) {
  const router = createMemoryRouter([{ path: '/jobs', element: <JobList /> }], { initialEntries: ['/jobs'] });
  render(
    <MockedProvider mocks={[servicePartnerOptionsMock(null), servicePartnerOptionsMock('ACCEPTED'), ...mocks]} cache={createCache()}>
      <AntApp>
        <ViewerContext.Provider value={viewer}>
          <RouterProvider router={router} />
        </ViewerContext.Provider>
      </AntApp>
    </MockedProvider>,
  );
  return router;
}

const headers = () => screen.getAllByRole('columnheader').map((th) => th.textContent).filter(Boolean);
const who = (kind: OrganizationKind, role: UserRole, preferences: Record<string, unknown> = {}) => ({ ...viewerFixture(kind, role), preferences });

const pending = jobFixture({ id: 'j1', title: 'Fit unit' });
const running = jobFixture({ id: 'j2', status: 'RUNNING', title: 'Busy job', servicePartner: fleetFit });
const succeeded = jobFixture({ id: 'j3', status: 'SUCCEEDED', title: 'Done job', servicePartner: fleetFit });
const assigned = jobFixture({ id: 'j4', status: 'ASSIGNED', title: 'Assigned job', servicePartner: fleetFit });

describe('the columns under the gear', () => {
  it('shows the columns the user chose (stored on the server) and saves a change at once', async () => {
    let saved: unknown = null;
    renderList(
      [
        jobsMock({ kind: 'INSTALLATION' }, [pending]),
        {
          request: {
            query: SetMyPreferenceDocument,
            variables: (variables) => {
              saved = variables['input'];
              return true;
            },
          },
          result: { data: { setMyPreference: { __typename: 'SetMyPreferenceSuccess', preferences: { 'jobs.columns': ['title', 'status', 'template'] } } } },
        },
      ],
      who('PRINCIPAL', 'MANAGER', { 'jobs.columns': ['title', 'status'] }),
    );
    await screen.findByRole('link', { name: 'Fit unit' });
    expect(headers()).toEqual(['Title', 'Status']);

    fireEvent.click(screen.getByRole('button', { name: 'Choose columns' }));
    const menu = await screen.findByRole('group', { name: 'Columns shown' });
    fireEvent.click(within(menu).getByRole('checkbox', { name: 'Template' }));
    expect(headers()).toEqual(['Title', 'Status', 'Template']);
    await waitFor(() => expect(saved).toEqual({ key: 'jobs.columns', value: ['title', 'status', 'template'] }));
  });

  it('goes back to the stored columns and says so when the server refuses the choice', async () => {
    renderList(
      [
        jobsMock({ kind: 'INSTALLATION' }, [pending]),
        {
          request: { query: SetMyPreferenceDocument, variables: () => true },
          result: { data: { setMyPreference: { __typename: 'ValidationError', code: 'VALIDATION_FAILED', field: 'value', message: 'A preference holds at most 2048 bytes; this one has 3000.', fieldErrors: [] } } },
        },
      ],
      who('PRINCIPAL', 'MANAGER', { 'jobs.columns': ['title', 'status'] }),
    );
    await screen.findByRole('link', { name: 'Fit unit' });
    fireEvent.click(screen.getByRole('button', { name: 'Choose columns' }));
    fireEvent.click(within(await screen.findByRole('group', { name: 'Columns shown' })).getByRole('checkbox', { name: 'Kind' }));
    expect(await screen.findByText('A preference holds at most 2048 bytes; this one has 3000.')).toBeTruthy();
    await waitFor(() => expect(headers()).toEqual(['Title', 'Status']));
  });

  it('keeps at least one column', async () => {
    renderList([jobsMock({ kind: 'INSTALLATION' }, [pending])], who('PRINCIPAL', 'ADMIN', { 'jobs.columns': ['status'] }));
    await screen.findByText('Pending');
    fireEvent.click(screen.getByRole('button', { name: 'Choose columns' }));
    const menu = await screen.findByRole('group', { name: 'Columns shown' });
    expect((within(menu).getByRole('checkbox', { name: 'Status' }) as HTMLInputElement).disabled).toBe(true);
    expect((within(menu).getByRole('checkbox', { name: 'Title' }) as HTMLInputElement).disabled).toBe(false);
  });
});

describe('the row menu', () => {
  it('edits an assigned job in schedule and instructions only, and offers no edit of a running one', async () => {
    const details = jobDetailsFixture({ id: 'j4', status: 'ASSIGNED', title: 'Assigned job', servicePartner: fleetFit });
    let sent: unknown = null;
    renderList([
      jobsMock({ kind: 'INSTALLATION' }, [assigned, running]),
      jobDetailsMock(details),
      {
        request: {
          query: UpdateJobDocument,
          variables: (variables) => {
            sent = variables['input'];
            return true;
          },
        },
        result: { data: { updateJob: { __typename: 'JobSuccess', job: { ...details, instructions: 'Ring at gate 2' } } } },
      },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Actions for Busy job' }));
    const runningEdit = (await screen.findAllByRole('menuitem')).find((item) => item.textContent === 'Edit…');
    expect(runningEdit?.getAttribute('aria-disabled')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: 'Actions for Assigned job' }));
    const edits = await screen.findAllByRole('menuitem', { name: 'Edit…' });
    fireEvent.click(edits[edits.length - 1] as HTMLElement);
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('Edit “Assigned job”')).toBeTruthy();
    expect(await within(dialog).findByText('This job is assigned: only its schedule and instructions can change.')).toBeTruthy();
    expect((within(dialog).getByLabelText('Title') as HTMLInputElement).disabled).toBe(true);
    expect((within(dialog).getByLabelText('Firmware') as HTMLInputElement).disabled).toBe(true);
    const instructions = within(dialog).getByLabelText('Instructions for the technician') as HTMLTextAreaElement;
    expect(instructions.disabled).toBe(false);
    fireEvent.change(instructions, { target: { value: 'Ring at gate 2' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(sent).toMatchObject({ id: 'j4', instructions: 'Ring at gate 2', title: 'Assigned job', scheduledFor: '2026-12-01' }));
    expect(await screen.findByText('The job was saved.')).toBeTruthy();
  });

  it('duplicates a job into “New job” through the URL, and offers a viewer neither edit nor duplicate', async () => {
    const router = renderList([jobsMock({ kind: 'INSTALLATION' }, [pending])]);
    fireEvent.click(await screen.findByRole('button', { name: 'Actions for Fit unit' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Duplicate…' }));
    await waitFor(() => expect(router.state.location.search).toBe('?new=1&copyOf=j1'));
  });

  it('offers a principal viewer no edit, duplicate, delete or selection', async () => {
    renderList([jobsMock({ kind: 'INSTALLATION' }, [pending])], who('PRINCIPAL', 'VIEWER'));
    fireEvent.click(await screen.findByRole('button', { name: 'Actions for Fit unit' }));
    expect((await screen.findAllByRole('menuitem')).map((item) => item.textContent)).toEqual(['Open']);
    expect(screen.queryByRole('checkbox', { name: 'Select Fit unit' })).toBeNull();
  });
});

describe('bulk actions', () => {
  it('cancels the selected jobs after a confirmation that counts them and says which are refused and why', async () => {
    const ids = ['j1', 'j2', 'j3'];
    const expected: BulkJobActionInput = { ids, action: 'CANCEL', reason: 'Customer left', servicePartnerId: null, accessUntil: null, scheduledFor: null };
    const sameInput = (variables: Record<string, unknown>) => {
      const input = variables['input'] as BulkJobActionInput;
      return isDeepStrictEqual({ ...input, ids: [...(input.ids as string[])].sort() }, expected);
    };
    const refused = [
      { __typename: 'RefusedJob' as const, message: 'A running job cannot be cancelled.', job: { __typename: 'Job' as const, id: 'j2', title: 'Busy job', status: 'RUNNING' as const } },
      { __typename: 'RefusedJob' as const, message: 'A succeeded job cannot be cancelled.', job: { __typename: 'Job' as const, id: 'j3', title: 'Done job', status: 'SUCCEEDED' as const } },
    ];
    renderList([
      jobsMock({ kind: 'INSTALLATION' }, [pending, running, succeeded]),
      {
        request: { query: BulkJobActionPreviewDocument, variables: sameInput },
        result: { data: { bulkJobActionPreview: { __typename: 'BulkJobActionPlan', applicable: [{ __typename: 'Job', id: 'j1' }], refused } } },
      },
      {
        request: { query: BulkJobActionDocument, variables: sameInput },
        result: {
          data: {
            bulkJobAction: {
              __typename: 'BulkJobActionPlan',
              applicable: [{ __typename: 'Job', id: 'j1', status: 'CANCELLED', scheduledFor: '2026-12-01', servicePartner: null }],
              refused: refused.map((r) => ({ ...r, job: { __typename: 'Job', id: r.job.id } })),
            },
          },
        },
      },
      jobsMock({ kind: 'INSTALLATION' }, [{ ...pending, status: 'CANCELLED' }, running, succeeded]),
    ]);
    for (const title of ['Fit unit', 'Busy job', 'Done job']) fireEvent.click(await screen.findByRole('checkbox', { name: `Select ${title}` }));
    const bar = screen.getByRole('toolbar', { name: 'Bulk actions' });
    expect(within(bar).getByText('3 selected')).toBeTruthy();

    fireEvent.click(within(bar).getByRole('button', { name: 'Cancel jobs…' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(await within(dialog).findByRole('button', { name: /Review$/ }));
    expect(await within(dialog).findByText('Give a reason; it is kept in each job’s history.')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('Why are the jobs cancelled?'), { target: { value: 'Customer left' } });
    fireEvent.click(await within(dialog).findByRole('button', { name: /Review$/ }));

    const confirmation = await within(dialog).findByRole('region', { name: 'Confirmation' });
    expect(within(confirmation).getByText('1 job will be cancelled; 2 will be refused:')).toBeTruthy();
    expect(within(confirmation).getByText('A running job cannot be cancelled. (1)')).toBeTruthy();
    expect(within(confirmation).getByText('A succeeded job cannot be cancelled. (1)')).toBeTruthy();
    expect(within(confirmation).getByText('Busy job')).toBeTruthy();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel 1 job' }));
    expect(await screen.findByText('1 job was cancelled.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('toolbar', { name: 'Bulk actions' })).toBeNull());
    const row = screen.getByRole('link', { name: 'Fit unit' }).closest('tr') as HTMLElement;
    expect(await within(row).findByText('Cancelled')).toBeTruthy();
  });
});

describe('bulk Reassign', () => {
  it('offers Reassign when Assign refuses failed jobs, and reassigns them with the chosen service partner', { timeout: 120_000 }, async () => {
    const failed = jobFixture({ id: 'j5', status: 'FAILED', title: 'Failed job', servicePartner: fleetFit });
    const inputFor = (action: 'ASSIGN' | 'REASSIGN'): BulkJobActionInput => ({ ids: ['j1', 'j5'], action, servicePartnerId: fleetFit.id, accessUntil: null, scheduledFor: null, reason: null });
    const sameInput = (expected: BulkJobActionInput) => (variables: Record<string, unknown>) => {
      const input = variables['input'] as BulkJobActionInput;
      return isDeepStrictEqual({ ...input, ids: [...(input.ids as string[])].sort() }, expected);
    };
    const refusedAs = (job: typeof pending, message: string) => ({ __typename: 'RefusedJob' as const, message, job: { __typename: 'Job' as const, id: job.id, title: job.title, status: job.status } });
    renderList([
      jobsMock({ kind: 'INSTALLATION' }, [pending, failed]),
      {
        request: { query: BulkJobActionPreviewDocument, variables: sameInput(inputFor('ASSIGN')) },
        result: { data: { bulkJobActionPreview: { __typename: 'BulkJobActionPlan', applicable: [{ __typename: 'Job', id: 'j1' }], refused: [refusedAs(failed, 'A failed job cannot be assigned.')] } } },
      },
      {
        request: { query: BulkJobActionPreviewDocument, variables: sameInput(inputFor('REASSIGN')) },
        result: { data: { bulkJobActionPreview: { __typename: 'BulkJobActionPlan', applicable: [{ __typename: 'Job', id: 'j5' }], refused: [refusedAs(pending, 'A pending job cannot be reassigned.')] } } },
      },
      {
        request: { query: BulkJobActionDocument, variables: sameInput(inputFor('REASSIGN')) },
        result: { data: { bulkJobAction: { __typename: 'BulkJobActionPlan', applicable: [{ __typename: 'Job', id: 'j5', status: 'ASSIGNED', scheduledFor: null, servicePartner: fleetFit }], refused: [{ __typename: 'RefusedJob', message: 'A pending job cannot be reassigned.', job: { __typename: 'Job', id: 'j1' } }] } } },
      },
      jobsMock({ kind: 'INSTALLATION' }, [pending, { ...failed, status: 'ASSIGNED' }]),
    ]);
    for (const title of ['Fit unit', 'Failed job']) fireEvent.click(await screen.findByRole('checkbox', { name: `Select ${title}` }));
    const choosePartnerAndReview = async () => {
      const dialog = await screen.findByRole('dialog');
      fireEvent.mouseDown(within(dialog).getByRole('combobox', { name: 'Service partner' }));
      fireEvent.click(await screen.findByTitle('FleetFit Service (FFT3Q)'));
      fireEvent.click(within(dialog).getByRole('button', { name: /Review$/ }));
      return dialog;
    };
    fireEvent.click(within(screen.getByRole('toolbar', { name: 'Bulk actions' })).getByRole('button', { name: 'Assign…' }));
    const assignDialog = await choosePartnerAndReview();
    expect(await within(assignDialog).findByText('A failed job cannot be assigned. (1)')).toBeTruthy();
    fireEvent.click(within(assignDialog).getByRole('button', { name: 'Reassign instead…' }));

    const reassignDialog = await choosePartnerAndReview();
    expect(await within(reassignDialog).findByText('1 job will be reassigned; 1 will be refused:')).toBeTruthy();
    fireEvent.click(within(reassignDialog).getByRole('button', { name: 'Reassign 1 job' }));
    expect(await screen.findByText('1 job was reassigned.')).toBeTruthy();
  });
});

describe('Duplicate', () => {
  it('fills “New job” from the job and saves the copy as a new pending job', async () => {
    const original = jobDetailsFixture({ id: 'j9', kind: 'MAINTENANCE', status: 'FAILED', title: 'Replace unit', servicePartner: fleetFit });
    let sent: unknown = null;
    render(
      <MockedProvider
        mocks={[
          servicePartnerOptionsMock('ACCEPTED'),
          { request: { query: JobVehicleOptionsDocument, variables: { search: '', first: 20 } }, result: { data: { vehicles: { __typename: 'VehicleConnection', edges: [] } } }, maxUsageCount: Number.POSITIVE_INFINITY },
          jobDetailsMock(original),
          {
            request: {
              query: CreateJobDocument,
              variables: (variables: Record<string, unknown>) => {
                sent = variables['input'];
                return true;
              },
            },
            result: { data: { createJob: { __typename: 'JobSuccess', job: jobDetailsFixture({ id: 'j-copy' }) } } },
          },
        ]}
        cache={createCache()}
      >
        <AntApp>
          <CreateJobDialog open copyOf="j9" onClose={vi.fn()} onCreated={vi.fn()} />
        </AntApp>
      </MockedProvider>,
    );
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText('New job — a copy of “Replace unit”');
    await waitFor(() => expect((within(dialog).getByLabelText('Title') as HTMLInputElement).value).toBe('Replace unit'));
    expect((within(dialog).getByLabelText('Device serial') as HTMLInputElement).value).toBe('TU-77');
    expect(within(dialog).getByTitle('WAUZZZ8V0KA000001')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: /^Save$/ }));
    await waitFor(() =>
      expect(sent).toMatchObject({
        kind: 'MAINTENANCE',
        vehicleId: 'v1',
        title: 'Replace unit',
        instructions: 'Behind the glovebox',
        assign: false,
        servicePartnerId: null,
        configuration: { deviceSerial: 'TU-77', centralLockConnectionType: 'CAN', settings: [{ name: 'odometer_source', value: 'can' }] },
      }),
    );
  });
});
