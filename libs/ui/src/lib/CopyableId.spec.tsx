import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CopyableId } from './CopyableId';

describe('CopyableId', () => {
  it('shows the whole value by default', () => {
    render(<CopyableId value="0193c7a4-1111-7000-8000-000000000001" />);
    expect(screen.getByText('0193c7a4-1111-7000-8000-000000000001')).toBeTruthy();
  });

  it('shortens a long value but keeps the full value in its title', () => {
    render(<CopyableId value="0193c7a4-1111-7000-8000-000000000001" truncate={8} />);
    const shown = screen.getByText('0193c7a4…');
    expect(shown.closest('[title]')?.getAttribute('title')).toBe('0193c7a4-1111-7000-8000-000000000001');
  });

  it('offers a copy button', () => {
    render(<CopyableId value="abc" copyLabel="Copy ID" />);
    expect(screen.getByRole('button', { name: /copy/i })).toBeTruthy();
  });
});
