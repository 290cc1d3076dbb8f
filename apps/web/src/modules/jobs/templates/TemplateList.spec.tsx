import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { OrganizationKind, UserRole } from '@partner-hub/domain';
import { DeleteJobTemplateDocument, DuplicateJobTemplateDocument, RestoreJobTemplateDocument } from '@partner-hub/graphql-client';
import { createCache } from '../../../app/apollo-client';
import { viewerFixture } from '../../../test/fixtures';
import { jobsMock, servicePartnerOptionsMock } from '../../../test/job-fixtures';
import { jobTemplateFixture, jobTemplatesMock } from '../../../test/job-template-fixtures';
import { ViewerContext } from '../../auth/hooks/viewer-context';
import { JobList } from '../components/JobList';

function renderList(url: string, mocks: MockLink.MockedResponse[], who: [OrganizationKind, UserRole] = ['PRINCIPAL', 'ADMIN']) {
  const router = createMemoryRouter([{ path: '/jobs', element: <JobList /> }], { initialEntries: [url] });
  render(
    <MockedProvider mocks={[servicePartnerOptionsMock(null), ...mocks]} cache={createCache()}>
      <AntApp>
        <ViewerContext.Provider value={viewerFixture(...who)}>
          <RouterProvider router={router} />
        </ViewerContext.Provider>
      </AntApp>
    </MockedProvider>,
  );
  return router;
}

const t3 = jobTemplateFixture({ id: 't1', name: 'T3 install' });
const yearly = jobTemplateFixture({ id: 't2', name: 'Yearly check', kind: 'MAINTENANCE', title: null, defaultServicePartner: null });

const rowOf = (name: string) => screen.getByText(name).closest('tr') as HTMLElement;

async function openRowMenu(name: string, item: string) {
  fireEvent.click(within(rowOf(name)).getByRole('button', { name: `Actions for ${name}` }));
  fireEvent.click(await screen.findByText(item));
}

describe('TemplateList', () => {
  it('shows the templates in their tab with kind, title, configuration and partner; search lives in the URL', async () => {
    const router = renderList('/jobs', [
      jobsMock({ kind: 'INSTALLATION' }, []),
      jobTemplatesMock({}, [t3, yearly]),
      jobTemplatesMock({ search: 'yearly' }, [yearly]),
    ]);
    fireEvent.click(await screen.findByRole('tab', { name: 'Templates' }));
    expect(router.state.location.search).toBe('?tab=templates');
    expect(await screen.findByText('T3 install')).toBeTruthy();
    const row = rowOf('T3 install');
    expect(within(row).getByText('Installation')).toBeTruthy();
    expect(within(row).getByText('Fit the T3 unit')).toBeTruthy();
    expect(within(row).getByText('T3 · firmware 2.1 · 1 setting')).toBeTruthy();
    expect(within(row).getByText('FleetFit Service')).toBeTruthy();
    expect(within(rowOf('Yearly check')).getByText('Maintenance')).toBeTruthy();
    expect(screen.getByText('Showing 2 of 2')).toBeTruthy();

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search templates' }), { target: { value: 'yearly' } });
    fireEvent.keyDown(screen.getByRole('searchbox', { name: 'Search templates' }), { key: 'Enter', code: 'Enter' });
    await waitFor(() => expect(screen.queryByText('T3 install')).toBeNull());
    expect(router.state.location.search).toBe('?tab=templates&tq=yearly');
    expect(screen.getByText('Yearly check')).toBeTruthy();
  });

  it('"Create new job" opens the New job dialog with the template (through the URL)', async () => {
    const router = renderList('/jobs?tab=templates', [jobTemplatesMock({}, [t3])]);
    await screen.findByText('T3 install');
    await openRowMenu('T3 install', 'Create new job');
    expect(router.state.location.search).toBe('?tab=templates&new=1&template=t1');
  });

  it('duplicates with an optional name and shows a taken name on the name field', async () => {
    const taken = {
      request: { query: DuplicateJobTemplateDocument, variables: { input: { id: 't1', name: 'Yearly check' } } },
      result: {
        data: {
          duplicateJobTemplate: {
            __typename: 'ValidationError',
            code: 'VALIDATION_FAILED',
            message: 'Some fields are invalid.',
            field: 'name',
            fieldErrors: [{ __typename: 'FieldError', field: 'name', message: 'A template named "Yearly check" already exists.' }],
          },
        },
      },
    };
    const copied = {
      request: { query: DuplicateJobTemplateDocument, variables: { input: { id: 't1', name: null } } },
      result: { data: { duplicateJobTemplate: { __typename: 'JobTemplateSuccess', jobTemplate: jobTemplateFixture({ id: 't3', name: 'T3 install (copy)' }) } } },
    };
    renderList('/jobs?tab=templates', [jobTemplatesMock({}, [t3]), taken, copied]);
    await screen.findByText('T3 install');
    await openRowMenu('T3 install', 'Duplicate…');
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Duplicate “T3 install”')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('Template name'), { target: { value: 'Yearly check' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /^(loading ?)?Duplicate$/ }));
    expect(await within(dialog).findByText('A template named "Yearly check" already exists.')).toBeTruthy();
    expect(within(dialog).getByLabelText('Template name').getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(within(dialog).getByLabelText('Template name'), { target: { value: '' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /^(loading ?)?Duplicate$/ }));
    expect(await screen.findByText('The copy “T3 install (copy)” was created.')).toBeTruthy();
  });

  it('deletes a template after a confirmation; deleted ones can be restored', async () => {
    const deleted = { ...t3, archivedAt: '2026-11-01T10:00:00.000Z' };
    renderList('/jobs?tab=templates', [
      jobTemplatesMock({}, [t3]),
      jobTemplatesMock({ archived: true }, [deleted]),
      {
        request: { query: DeleteJobTemplateDocument, variables: { input: { id: 't1' } } },
        result: { data: { deleteJobTemplate: { __typename: 'JobTemplateSuccess', jobTemplate: deleted } } },
      },
      {
        request: { query: RestoreJobTemplateDocument, variables: { input: { id: 't1' } } },
        result: {
          data: {
            restoreJobTemplate: {
              __typename: 'ValidationError',
              code: 'VALIDATION_FAILED',
              message: 'Another template is named "T3 install" now; rename this one before restoring it.',
              field: 'name',
              fieldErrors: [],
            },
          },
        },
      },
    ]);
    await screen.findByText('T3 install');
    await openRowMenu('T3 install', 'Delete…');
    const confirm = await screen.findByRole('dialog');
    expect(within(confirm).getAllByText('Delete the template “T3 install”?').length).toBeGreaterThan(0);
    expect(within(confirm).getByText(/its name is free again/)).toBeTruthy();
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('The template “T3 install” was deleted.')).toBeTruthy();

    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Active or deleted templates' }));
    fireEvent.click(await screen.findByTitle('Deleted'));
    expect(await screen.findByText('Deleted', { selector: '.ant-tag' })).toBeTruthy();
    await openRowMenu('T3 install', 'Restore');
    expect(await screen.findByText('Another template is named "T3 install" now; rename this one before restoring it.')).toBeTruthy();
  });

  it('is read-only for a principal viewer', async () => {
    renderList('/jobs?tab=templates', [jobTemplatesMock({}, [t3])], ['PRINCIPAL', 'VIEWER']);
    expect(await screen.findByText('T3 install')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /New template/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Actions for T3 install' })).toBeNull();
  });

  it("is no tab of a partner's people, even when the URL names it", async () => {
    renderList('/jobs?tab=templates', [jobsMock({ kind: 'INSTALLATION' }, [])], ['PARTNER', 'ADMIN']);
    expect(await screen.findByText('No jobs assigned to your organization')).toBeTruthy();
    expect(screen.queryByRole('tab', { name: 'Templates' })).toBeNull();
  });
});
