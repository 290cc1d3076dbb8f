import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LinkifiedText } from './LinkifiedText';

describe('LinkifiedText', () => {
  it('turns URLs into links and leaves the rest as text', () => {
    render(<LinkifiedText text={'Hello Anna,\nset your password: http://localhost:4000/claim?token=abc.\nBye'} />);
    const link = screen.getByRole('link');
    expect(link.getAttribute('href')).toBe('http://localhost:4000/claim?token=abc');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(screen.getByText(/Hello Anna/)).toBeTruthy();
  });

  it('renders text without URLs unchanged', () => {
    render(<LinkifiedText text="No links here" />);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('No links here')).toBeTruthy();
  });
});
