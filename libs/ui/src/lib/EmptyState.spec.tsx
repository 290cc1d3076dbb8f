import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EmptyState } from './EmptyState';

describe('EmptyState', () => {
  it('shows the title and the explanation', () => {
    render(<EmptyState title="Partners are coming" text="This section is not built yet." />);
    expect(screen.getByText('Partners are coming')).toBeTruthy();
    expect(screen.getByText('This section is not built yet.')).toBeTruthy();
  });

  it('renders an action when given one', () => {
    render(<EmptyState title="No users match" action={<button type="button">Clear filters</button>} />);
    expect(screen.getByRole('button', { name: 'Clear filters' })).toBeTruthy();
  });
});
