import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { OWNER_MESSAGES } from '@partner-hub/domain';
import { ContactOwnerDocument } from '@partner-hub/graphql-client';
import type { ContactOwnerMutation } from '@partner-hub/graphql-client';
import { createCache } from '../../../app/apollo-client';
import { ViewerContext } from '../../auth/hooks/viewer-context';
import { viewerFixture } from '../../../test/fixtures';
import { ownerFixture, ownersMock, ownersPage } from '../../../test/owner-fixtures';
import { OwnerList } from './OwnerList';

const olga = ownerFixture({ id: 'o-olga', email: 'olga@owners.example', name: 'Olga Owner' });

function contactMock(
  subject: string,
  message: string,
  result: ContactOwnerMutation['contactOwner'],
): MockLink.MockedResponse {
  return {
    request: { query: ContactOwnerDocument, variables: { input: { ownerId: olga.id, subject, message } } },
    result: { data: { contactOwner: result } },
  };
}

function renderList(mocks: MockLink.MockedResponse[]) {
  const router = createMemoryRouter([{ path: '/owners', element: <OwnerList /> }], {
    initialEntries: ['/owners'],
  });
  render(
    <MockedProvider
      mocks={[ownersMock({ filter: {}, withAnnotation: true }, ownersPage([olga])), ...mocks]}
      cache={createCache()}
    >
      <AntApp>
        <ViewerContext.Provider value={viewerFixture('PRINCIPAL', 'MANAGER')}>
          <RouterProvider router={router} />
        </ViewerContext.Provider>
      </AntApp>
    </MockedProvider>,
  );
}

const dialog = () => screen.getByRole('dialog');
const type = (label: string, value: string) =>
  fireEvent.change(within(dialog()).getByLabelText(label), { target: { value } });
const send = () => fireEvent.click(within(dialog()).getByRole('button', { name: 'Send' }));

async function openDialog() {
  fireEvent.click(await screen.findByRole('button', { name: 'Contact Olga Owner' }));
  await screen.findByRole('dialog');
  expect(within(dialog()).getByText(/An e-mail to olga@owners.example/)).toBeTruthy();
}

describe('ContactOwnerDialog', () => {
  it('checks subject and message with the domain rules before anything is sent', async () => {
    renderList([]);
    await openDialog();
    type('Message', '   ');
    send();
    expect(await within(dialog()).findByText(OWNER_MESSAGES.subject)).toBeTruthy();
    expect(within(dialog()).getByText(OWNER_MESSAGES.message)).toBeTruthy();
    expect(within(dialog()).getByLabelText('Subject').getAttribute('aria-invalid')).toBe('true');
    // no mutation is mocked: a request would have surfaced as an alert
    expect(within(dialog()).queryByRole('alert')).toBeNull();
  });

  it('sends the message, confirms it and closes', async () => {
    renderList([
      contactMock('Your service visit', 'See you on Monday.', { __typename: 'OwnerSuccess', owner: olga }),
    ]);
    await openDialog();
    type('Subject', ' Your service visit ');
    type('Message', 'See you on Monday.');
    send();
    expect(await screen.findByText('Your message to Olga Owner was sent.')).toBeTruthy();
    // the dialog is closing (jsdom never finishes antd's leave animation, so it stays in the DOM)
    await waitFor(() => expect(dialog().className).toContain('ant-zoom-leave'));
  });

  it("shows the server's refusal on the field it names", async () => {
    renderList([
      contactMock('Hello', 'Hi there', {
        __typename: 'ValidationError',
        code: 'VALIDATION_FAILED',
        message: 'This owner is archived; restore it before contacting it.',
        field: 'ownerId',
        fieldErrors: [
          {
            __typename: 'FieldError',
            field: 'ownerId',
            message: 'This owner is archived; restore it before contacting it.',
          },
        ],
      }),
    ]);
    await openDialog();
    type('Subject', 'Hello');
    type('Message', 'Hi there');
    send();
    expect((await within(dialog()).findByRole('alert')).textContent).toContain('This owner is archived');
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});
