import { fireEvent, render, screen, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { JOB_ACTORS, JOB_FIELD_MESSAGES, JOB_REASON_MAX, JOB_STATUSES, availableActions } from '@partner-hub/domain';
import type { JobAction, JobActor, JobStatus, OrganizationKind, UserRole } from '@partner-hub/domain';
import { TransitionJobDocument } from '@partner-hub/graphql-client';
import type { JobDetailsFieldsFragment, JobListFieldsFragment } from '@partner-hub/graphql-client';
import { createCache } from '../../../app/apollo-client';
import { viewerFixture } from '../../../test/fixtures';
import { fleetFit, jobDetailsFixture, jobDetailsMock, jobFixture, jobsMock, servicePartnerOptionsMock } from '../../../test/job-fixtures';
import { ViewerContext } from '../../auth/hooks/viewer-context';
import { JobList } from '../components/JobList';
import { JOB_ACTION_LABELS } from '../utils/job-wording';
import { JobDetails } from './JobDetails';

/**
 * The web shows exactly the actions the API offers (`Job.availableActions`), for every (state, role)
 * of the lifecycle table — on the job page and in the jobs list's row menu — and guesses nothing of
 * its own: who started a job, its e-mail, the viewer's role play no part.
 */

/** A viewer who is `actor` to the jobs of the tests. */
const VIEWER_OF: Record<JobActor, [OrganizationKind, UserRole]> = {
  PRINCIPAL: ['PRINCIPAL', 'ADMIN'],
  PARTNER_ADMIN: ['PARTNER', 'ADMIN'],
  TECHNICIAN: ['PARTNER', 'TECHNICIAN'],
  RUNNING_TECHNICIAN: ['PARTNER', 'TECHNICIAN'],
  OTHER: ['PRINCIPAL', 'VIEWER'],
};

function renderWith(who: [OrganizationKind, UserRole], url: string, mocks: MockLink.MockedResponse[]) {
  const router = createMemoryRouter(
    [
      { path: '/jobs', element: <JobList /> },
      { path: '/jobs/:id', element: <JobDetails id={url.split('/')[2] ?? ''} /> },
    ],
    { initialEntries: [url] },
  );
  render(
    <MockedProvider mocks={[servicePartnerOptionsMock(null), servicePartnerOptionsMock('ACCEPTED'), ...mocks]} cache={createCache()}>
      <AntApp>
        <ViewerContext.Provider value={viewerFixture(...who)}>
          <RouterProvider router={router} />
        </ViewerContext.Provider>
      </AntApp>
    </MockedProvider>,
  );
}

/** A job in `status` as the API answers it, offering `offered`. */
function jobIn(status: JobStatus, offered: JobAction[], id = 'j1'): JobDetailsFieldsFragment {
  return jobDetailsFixture({ id, title: `A ${status.toLowerCase()} job`, status, servicePartner: status === 'PENDING' ? null : fleetFit, availableActions: offered });
}

async function pageButtons(title: string): Promise<string[]> {
  await screen.findByRole('heading', { name: title });
  const group = screen.queryByRole('group', { name: 'Job actions' });
  return group ? within(group).getAllByRole('button').map((button) => button.textContent ?? '') : [];
}

/** The lifecycle entries of a row's menu (Open, Edit…, Duplicate…, Delete… left out). */
async function rowLifecycleItems(title: string): Promise<string[]> {
  fireEvent.click(await screen.findByRole('button', { name: `Actions for ${title}` }));
  const menus = await screen.findAllByRole('menu');
  const menu = menus[menus.length - 1] as HTMLElement;
  const items = within(menu).getAllByRole('menuitem').map((item) => item.textContent ?? '');
  fireEvent.keyDown(menu, { key: 'Escape' });
  return items.filter((item) => !['Open', 'Edit…', 'Duplicate…', 'Delete…'].includes(item));
}

const labels = (actions: JobAction[], dialogMark = false) =>
  actions.map((action) => `${JOB_ACTION_LABELS[action]}${dialogMark && ['ASSIGN', 'REASSIGN', 'DECLINE', 'FAIL', 'CANCEL'].includes(action) ? '…' : ''}`);

describe('the job page walks the lifecycle table', () => {
  const PAIRS = JOB_STATUSES.flatMap((status) => JOB_ACTORS.map((actor) => [status, actor] as const));

  it.each(PAIRS)('a %s job, seen by %s, shows exactly the actions offered', async (status, actor) => {
    // what the API answers for this pair (job-available-actions.int-spec.ts: the table's row)
    const offered = availableActions(status, actor);
    const job = jobIn(status, offered);
    renderWith(VIEWER_OF[actor], `/jobs/${job.id}`, [jobDetailsMock(job)]);
    expect(await pageButtons(job.title ?? '')).toEqual(labels(offered));
  });
});

describe('the jobs list row menu walks the lifecycle table', () => {
  it.each(JOB_ACTORS)('offers %s exactly the actions offered on each row', { timeout: 120_000 }, async (actor) => {
    const jobs: JobListFieldsFragment[] = JOB_STATUSES.map((status, i) => jobFixture({ ...jobIn(status, availableActions(status, actor), `j${i}`) }));
    renderWith(VIEWER_OF[actor], '/jobs', [jobsMock({ kind: 'INSTALLATION' }, jobs)]);
    for (const job of jobs) expect(await rowLifecycleItems(job.title ?? '')).toEqual(labels(job.availableActions, true));
  });
});

describe('no guess of its own', () => {
  const startedBy = (email: string, offered: JobAction[]) =>
    jobDetailsFixture({
      ...jobIn('RUNNING', offered),
      events: [
        ...jobIn('RUNNING', offered).events,
        { __typename: 'JobEvent', id: 'e2', type: 'START', fromStatus: 'ASSIGNED', toStatus: 'RUNNING', reason: null, changes: null, actorLabel: email, createdAt: '2026-11-02T10:00:00.000Z' },
      ],
    });

  it('offers the technician who started the job Succeed and Fail after their e-mail changed', async () => {
    const job = startedBy('old-address@fleetfit.example', ['SUCCEED', 'FAIL']);
    renderWith(['PARTNER', 'TECHNICIAN'], `/jobs/${job.id}`, [jobDetailsMock(job)]);
    expect(await pageButtons(job.title ?? '')).toEqual(['Succeed', 'Fail']);
  });

  it('offers nothing where the API offers nothing, even to the e-mail of the last Start', async () => {
    const job = startedBy('technician@aurora-motors.example', []);
    renderWith(['PARTNER', 'TECHNICIAN'], `/jobs/${job.id}`, [jobDetailsMock(job)]);
    expect(await pageButtons(job.title ?? '')).toEqual([]);
  });
});

describe('taking an action from the row menu', () => {
  it('starts the job in one click and shows what the API answers', { timeout: 120_000 }, async () => {
    const assigned = jobFixture({ ...jobIn('ASSIGNED', ['START']) });
    const started = jobDetailsFixture({ ...jobIn('RUNNING', ['SUCCEED', 'FAIL']), title: assigned.title });
    renderWith(['PARTNER', 'TECHNICIAN'], '/jobs', [
      jobsMock({ kind: 'INSTALLATION' }, [assigned]),
      { request: { query: TransitionJobDocument, variables: { input: { id: 'j1', action: 'START' } } }, result: { data: { transitionJob: { __typename: 'JobSuccess', job: started } } } },
      jobsMock({ kind: 'INSTALLATION' }, [jobFixture({ ...started })]),
    ]);
    fireEvent.click(await screen.findByRole('button', { name: `Actions for ${assigned.title}` }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Start' }));
    const row = (await screen.findByRole('link', { name: assigned.title ?? '' })).closest('tr') as HTMLElement;
    expect(await within(row).findByText('Running')).toBeTruthy();
    expect(await rowLifecycleItems(assigned.title ?? '')).toEqual(['Succeed', 'Fail…']);
  });

  it("tells why the API refused, and asks for a reason within libs/domain's limit", { timeout: 120_000 }, async () => {
    const assigned = jobFixture({ ...jobIn('ASSIGNED', ['START', 'DECLINE']) });
    renderWith(['PARTNER', 'ADMIN'], '/jobs', [
      jobsMock({ kind: 'INSTALLATION' }, [assigned]),
      {
        request: { query: TransitionJobDocument, variables: { input: { id: 'j1', action: 'START' } } },
        result: { data: { transitionJob: { __typename: 'InvalidTransitionError', code: 'INVALID_TRANSITION', message: 'This job is already running.', field: null, status: 'RUNNING' } } },
      },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: `Actions for ${assigned.title}` }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Start' }));
    expect(await screen.findByText('This job is already running.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: `Actions for ${assigned.title}` }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Decline…' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Why does your organization decline this job?'), { target: { value: 'x'.repeat(JOB_REASON_MAX + 1) } });
    fireEvent.click(within(dialog).getByRole('button', { name: /Decline$/ }));
    expect(await within(dialog).findByText(JOB_FIELD_MESSAGES.reasonTooLong)).toBeTruthy();
  });
});
