import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CONFIGURATION_OVERRIDE_MESSAGES, JOB_CONFIGURATION_MESSAGES } from '@partner-hub/domain';
import { OverrideJobConfigurationDocument } from '@partner-hub/graphql-client';
import type { JobConfigurationInput, JobDetailsFieldsFragment, OverrideJobConfigurationMutation } from '@partner-hub/graphql-client';
import { createCache } from '../../../app/apollo-client';
import { viewerFixture } from '../../../test/fixtures';
import { fleetFit, jobDetailsFixture, jobDetailsMock } from '../../../test/job-fixtures';
import { ViewerContext } from '../../auth/hooks/viewer-context';
import { JobDetails } from './JobDetails';
import { describeChanges } from './history-changes';

function renderJob(job: JobDetailsFieldsFragment, mocks: MockLink.MockedResponse[] = []) {
  const router = createMemoryRouter([{ path: '/jobs/:id', element: <JobDetails id={job.id} /> }], { initialEntries: [`/jobs/${job.id}`] });
  render(
    <MockedProvider mocks={[jobDetailsMock(job), ...mocks]} cache={createCache()}>
      <AntApp>
        <ViewerContext.Provider value={viewerFixture('PARTNER', 'TECHNICIAN')}>
          <RouterProvider router={router} />
        </ViewerContext.Provider>
      </AntApp>
    </MockedProvider>,
  );
}

const overrideMock = (configuration: JobConfigurationInput, result: OverrideJobConfigurationMutation['overrideJobConfiguration']): MockLink.MockedResponse => ({
  request: { query: OverrideJobConfigurationDocument, variables: { input: { id: 'j1', configuration } } },
  result: { data: { overrideJobConfiguration: result } },
});

const running = jobDetailsFixture({ id: 'j1', title: 'Fit unit', status: 'RUNNING', servicePartner: fleetFit, configurationOverride: 'ALLOWED' });
const unchangedInput: JobConfigurationInput = {
  deviceSerial: 'TU-77',
  deviceModel: 'T3',
  firmware: '2.1',
  installationVariant: null,
  centralLockConnectionType: 'CAN',
  fuelType: null,
  settings: [{ name: 'odometer_source', value: 'can' }],
};

const configurationCard = async () => {
  await screen.findByRole('heading', { name: 'Fit unit' });
  return screen.getByText('Configuration').closest('.ant-card') as HTMLElement;
};

describe('the configuration on the job page', () => {
  it('lets the technician running the job change a value and shows the override in the history, old → new', async () => {
    const saved = jobDetailsFixture({
      ...running,
      configuration: { ...running.configuration!, firmware: '2.2' },
      events: [
        ...running.events,
        { __typename: 'JobEvent', id: 'e9', type: 'CONFIGURATION_CHANGED', fromStatus: null, toStatus: null, reason: null, changes: { firmware: { from: '2.1', to: '2.2' } }, actorLabel: 'tech@fleetfit.example', createdAt: '2026-11-03T10:00:00.000Z' },
      ],
    });
    renderJob(running, [overrideMock({ ...unchangedInput, firmware: '2.2' }, { __typename: 'JobSuccess', job: saved })]);
    const card = await configurationCard();
    fireEvent.click(within(card).getByRole('button', { name: /Edit configuration/ }));
    const form = await screen.findByRole('form', { name: 'Edit configuration' });
    expect((within(form).getByLabelText('Device serial') as HTMLInputElement).value).toBe('TU-77');
    fireEvent.change(within(form).getByLabelText('Firmware'), { target: { value: '2.2' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save configuration' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit configuration' })).toBeNull());
    expect(within(await configurationCard()).getByText('2.2')).toBeTruthy();
    expect(await screen.findByText('Firmware:', { exact: false })).toBeTruthy();
    expect(screen.getByText('CONFIGURATION_CHANGED')).toBeTruthy();
  });

  it('checks the domain rules before sending, and puts the API’s field error on its field', async () => {
    renderJob(running, [
      overrideMock(
        { ...unchangedInput, deviceSerial: 'X'.repeat(5) },
        { __typename: 'ValidationError', code: 'VALIDATION_FAILED', message: 'This serial is taken.', field: 'configuration.deviceSerial', fieldErrors: [{ __typename: 'FieldError', field: 'configuration.deviceSerial', message: 'This serial is taken.' }] },
      ),
    ]);
    fireEvent.click(within(await configurationCard()).getByRole('button', { name: /Edit configuration/ }));
    const form = await screen.findByRole('form', { name: 'Edit configuration' });
    fireEvent.change(within(form).getByLabelText('Fuel type'), { target: { value: 'f'.repeat(41) } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save configuration' }));
    expect(await within(form).findByText(JOB_CONFIGURATION_MESSAGES.fuelType)).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Fuel type'), { target: { value: '' } });
    fireEvent.change(within(form).getByLabelText('Device serial'), { target: { value: 'XXXXX' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save configuration' }));
    expect(await within(form).findByText('This serial is taken.')).toBeTruthy();
    expect(screen.getByRole('form', { name: 'Edit configuration' })).toBeTruthy();
  });

  it('shows the configuration read-only, saying why, when the service partner may not override', async () => {
    renderJob({ ...running, configurationOverride: 'PARTNER_DISALLOWS' });
    const card = await configurationCard();
    expect(within(card).queryByRole('button', { name: /Edit configuration/ })).toBeNull();
    expect(within(card).getByText(CONFIGURATION_OVERRIDE_MESSAGES.PARTNER_DISALLOWS)).toBeTruthy();
    expect(within(card).getByText('TU-77')).toBeTruthy();
  });

  it('offers no edit to anyone else (a colleague, principal staff)', async () => {
    renderJob({ ...running, configurationOverride: 'NOT_YOURS' });
    const card = await configurationCard();
    expect(within(card).queryByRole('button', { name: /Edit configuration/ })).toBeNull();
    expect(within(card).queryByRole('alert')).toBeNull();
  });
});

describe('describeChanges', () => {
  it('labels configuration fields the same for an override and an edit, and named settings by name', () => {
    expect(describeChanges({ firmware: { from: '2.1', to: '2.2' }, 'configuration.fuelType': { from: null, to: 'diesel' }, 'setting.gps': { from: 'on', to: null } })).toEqual([
      { label: 'Firmware', from: '2.1', to: '2.2' },
      { label: 'Fuel type', from: null, to: 'diesel' },
      { label: 'Setting gps', from: 'on', to: null },
    ]);
    expect(describeChanges(null)).toEqual([]);
  });
});
