import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ErrorResultAlert } from './ErrorResultAlert';

describe('ErrorResultAlert', () => {
  it('renders nothing without an error', () => {
    const { container } = render(<ErrorResultAlert error={null} />);
    expect(container.textContent).toBe('');
  });

  it('shows the message of an ErrorResult as an alert', () => {
    render(<ErrorResultAlert error={{ code: 'INVALID_CREDENTIALS', message: 'E-mail or password is wrong.', field: null }} />);
    expect(screen.getByRole('alert').textContent).toContain('E-mail or password is wrong.');
  });

  it('shows a title above the message when given', () => {
    render(<ErrorResultAlert error="Network down" title="Could not load users" />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Could not load users');
    expect(alert.textContent).toContain('Network down');
  });
});
