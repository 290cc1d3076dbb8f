import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { OrganizationKind, UserRole } from '@partner-hub/domain';
import { TransitionJobDocument } from '@partner-hub/graphql-client';
import type { JobDetailsFieldsFragment, TransitionJobInput, TransitionJobMutation } from '@partner-hub/graphql-client';
import { createCache } from '../../../app/apollo-client';
import { viewerFixture } from '../../../test/fixtures';
import { fleetFit, jobDetailsFixture, jobDetailsMock } from '../../../test/job-fixtures';
import { ViewerContext } from '../../auth/hooks/viewer-context';
import { TRANSITION_MESSAGES } from './TransitionDialog';
import { JobDetails } from './JobDetails';

function renderJob(job: JobDetailsFieldsFragment, who: [OrganizationKind, UserRole], mocks: MockLink.MockedResponse[] = []) {
  const router = createMemoryRouter([{ path: '/jobs/:id', element: <JobDetails id={job.id} /> }], { initialEntries: [`/jobs/${job.id}`] });
  render(
    <MockedProvider mocks={[jobDetailsMock(job), ...mocks]} cache={createCache()}>
      <AntApp>
        <ViewerContext.Provider value={viewerFixture(...who)}>
          <RouterProvider router={router} />
        </ViewerContext.Provider>
      </AntApp>
    </MockedProvider>,
  );
}

function transitionMock(input: TransitionJobInput, result: TransitionJobMutation['transitionJob']): MockLink.MockedResponse {
  return { request: { query: TransitionJobDocument, variables: { input } }, result: { data: { transitionJob: result } } };
}

const event = (id: string, type: string, from: JobDetailsFieldsFragment['status'], to: JobDetailsFieldsFragment['status'], actorLabel: string, reason: string | null = null) => ({
  __typename: 'JobEvent' as const,
  id,
  type,
  fromStatus: from,
  toStatus: to,
  reason,
  changes: null,
  actorLabel,
  createdAt: '2026-11-02T10:00:00.000Z',
});

// each job as the API answers it to the viewer of the test: with the actions it offers them
const pending = jobDetailsFixture({ id: 'j1', title: 'Fit unit' });
const assigned = jobDetailsFixture({
  id: 'j1',
  title: 'Fit unit',
  status: 'ASSIGNED',
  servicePartner: fleetFit,
  events: [...pending.events, event('e2', 'ASSIGN', 'PENDING', 'ASSIGNED', 'admin@aurora-motors.example')],
});
const runningBy = (email: string) =>
  jobDetailsFixture({ ...assigned, status: 'RUNNING', events: [...assigned.events, event('e3', 'START', 'ASSIGNED', 'RUNNING', email)] });

const actionButtons = async () => {
  await screen.findByRole('heading', { name: 'Fit unit' });
  const group = screen.queryByRole('group', { name: 'Job actions' });
  return group ? within(group).getAllByRole('button').map((button) => button.textContent) : [];
};

describe('JobDetails', () => {
  it('offers the principal Assign and Cancel on a pending job, with the configuration and history', async () => {
    renderJob({ ...pending, availableActions: ['ASSIGN', 'CANCEL'] }, ['PRINCIPAL', 'ADMIN']);
    expect(await screen.findByRole('heading', { name: 'Fit unit' })).toBeTruthy();
    expect(await actionButtons()).toEqual(['Assign', 'Cancel job']);
    expect(screen.getByText('TU-77')).toBeTruthy();
    expect(screen.getByText('odometer_source')).toBeTruthy();
    expect(screen.getByText('CREATED · — → Pending')).toBeTruthy();
  });

  it('offers a principal viewer nothing', async () => {
    renderJob(pending, ['PRINCIPAL', 'VIEWER']);
    expect(await screen.findByRole('heading', { name: 'Fit unit' })).toBeTruthy();
    expect(await actionButtons()).toEqual([]);
  });

  it("offers a technician Start on an assigned job and shows the API's refusal", async () => {
    renderJob({ ...assigned, availableActions: ['START'] }, ['PARTNER', 'TECHNICIAN'], [
      transitionMock({ id: 'j1', action: 'START' }, { __typename: 'InvalidTransitionError', code: 'INVALID_TRANSITION', message: 'This job is already running.', field: null, status: 'RUNNING' }),
    ]);
    expect(await actionButtons()).toEqual(['Start']);
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(await screen.findByText('This job is already running.')).toBeTruthy();
  });

  it("reloads the job after the API's refusal, so the page shows what the job is now", async () => {
    const running = runningBy('someone-else@fleetfit.example');
    renderJob({ ...assigned, availableActions: ['START'] }, ['PARTNER', 'TECHNICIAN'], [
      transitionMock({ id: 'j1', action: 'START' }, { __typename: 'InvalidTransitionError', code: 'INVALID_TRANSITION', message: 'This job is already running.', field: null, status: 'RUNNING' }),
      jobDetailsMock(running),
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Start' }));
    expect(await screen.findByText('This job is already running.')).toBeTruthy();
    // the page underneath is reloaded: Running, and nothing left to offer this technician
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Job actions' })).toBeNull());
    expect(screen.getAllByText('Running').length).toBeGreaterThan(0);
  });

  it('asks "Cancel this job?" with "Keep job" and "Cancel job", and reloads the job when the API refuses', async () => {
    const cancelledMeanwhile = jobDetailsFixture({ ...pending, status: 'CANCELLED', events: [...pending.events, event('e2', 'CANCEL', 'PENDING', 'CANCELLED', 'manager@aurora-motors.example', 'Duplicate')] });
    renderJob({ ...pending, availableActions: ['ASSIGN', 'CANCEL'] }, ['PRINCIPAL', 'ADMIN'], [
      transitionMock({ id: 'j1', action: 'CANCEL', reason: 'Customer moved' }, { __typename: 'InvalidTransitionError', code: 'INVALID_TRANSITION', message: 'This job is already cancelled.', field: null, status: 'CANCELLED' }),
      jobDetailsMock(cancelledMeanwhile),
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel job' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel this job?' });
    expect(within(dialog).getAllByRole('button').map((button) => button.textContent).filter((text) => text !== '')).toEqual(['Keep job', 'Cancel job']);
    fireEvent.change(within(dialog).getByLabelText('Why is the job cancelled?'), { target: { value: 'Customer moved' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel job' }));
    expect(await within(dialog).findByText('This job is already cancelled.')).toBeTruthy();
    expect(await screen.findByText('“Duplicate”')).toBeTruthy();
  });

  it('offers Succeed and Fail only to the technician who started the job', async () => {
    renderJob({ ...runningBy('technician@aurora-motors.example'), availableActions: ['SUCCEED', 'FAIL'] }, ['PARTNER', 'TECHNICIAN']);
    expect(await actionButtons()).toEqual(['Succeed', 'Fail']);
  });

  it('offers another technician nothing on a running job', async () => {
    renderJob(runningBy('someone-else@fleetfit.example'), ['PARTNER', 'TECHNICIAN']);
    expect(await screen.findByRole('heading', { name: 'Fit unit' })).toBeTruthy();
    expect(await actionButtons()).toEqual([]);
  });

  it('asks the partner admin for a required reason to decline, then sends it', async () => {
    const declined = jobDetailsFixture({
      ...assigned,
      status: 'PENDING',
      servicePartner: null,
      events: [...assigned.events, event('e3', 'DECLINE', 'ASSIGNED', 'PENDING', 'admin@aurora-motors.example', 'No lift free')],
    });
    renderJob({ ...assigned, availableActions: ['DECLINE'] }, ['PARTNER', 'ADMIN'], [transitionMock({ id: 'j1', action: 'DECLINE', reason: 'No lift free' }, { __typename: 'JobSuccess', job: declined })]);
    expect(await actionButtons()).toEqual(['Decline']);
    fireEvent.click(screen.getByRole('button', { name: 'Decline' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Decline' }));
    expect(await within(dialog).findByText(TRANSITION_MESSAGES.reason)).toBeTruthy();

    fireEvent.change(within(dialog).getByLabelText('Why does your organization decline this job?'), { target: { value: '  No lift free ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /Decline$/ }));
    expect(await screen.findByText('“No lift free”')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await actionButtons()).toEqual([]);
  });

  it('tells a partner whose access ended that the vehicle is gone', async () => {
    renderJob(jobDetailsFixture({ ...runningBy('technician@aurora-motors.example'), status: 'SUCCEEDED', vehicle: null, configuration: null }), ['PARTNER', 'TECHNICIAN']);
    expect(await screen.findByText('Your access to this vehicle has ended')).toBeTruthy();
    expect(screen.queryByText('TU-77')).toBeNull();
    expect(await actionButtons()).toEqual([]);
  });
});
