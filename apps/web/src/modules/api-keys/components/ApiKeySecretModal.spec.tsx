import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiKeySecretModal } from './ApiKeySecretModal';

const secret = 'ph_4f9c2a1b_0123456789abcdefghijklmnopqrstuv';

function mockClipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
}

describe('ApiKeySecretModal', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('shows the whole secret with a warning that it is shown only once', () => {
    render(<ApiKeySecretModal name="Workshop ERP" secret={secret} onClose={() => undefined} />);
    expect(screen.getByText('API key “Workshop ERP” created')).toBeTruthy();
    expect((screen.getByLabelText('API key secret') as HTMLInputElement).value).toBe(secret);
    expect(screen.getByText('Copy the secret now. It is shown only this once.')).toBeTruthy();
  });

  it('copies the secret to the clipboard', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    mockClipboard(writeText);
    render(<ApiKeySecretModal name="Workshop ERP" secret={secret} onClose={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: /Copy/ }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(secret));
    expect(await screen.findByRole('button', { name: /Copied/ })).toBeTruthy();
  });

  it('tells the user to copy by hand when the browser refuses', async () => {
    mockClipboard(() => Promise.reject(new Error('denied')));
    render(<ApiKeySecretModal name="Workshop ERP" secret={secret} onClose={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: /Copy/ }));
    expect(await screen.findByText(/The browser did not allow copying/)).toBeTruthy();
  });

  it('closes only through the explicit confirmation', () => {
    const onClose = vi.fn();
    render(<ApiKeySecretModal name="Workshop ERP" secret={secret} onClose={onClose} />);
    expect(screen.queryByRole('button', { name: 'Close' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'I have stored the key' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
