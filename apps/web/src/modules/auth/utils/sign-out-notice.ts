import { useSyncExternalStore } from 'react';

/**
 * Why the app signed the user out, for the sign-in page to explain (e.g. "your organization's
 * access is blocked"). Set by the Apollo error link when the API refuses a request with a reason;
 * cleared by a successful sign-in. Lives in memory: the sign-in page is reached by client-side
 * navigation right after the refusal.
 */
let notice: string | null = null;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

/** Remembers why the user was signed out. */
export function setSignOutNotice(message: string): void {
  notice = message;
  emit();
}

/** Forgets the reason (after signing in again). */
export function clearSignOutNotice(): void {
  if (notice === null) return;
  notice = null;
  emit();
}

/** The current reason, or null. */
export function getSignOutNotice(): string | null {
  return notice;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The reason the user was signed out, re-rendering when it changes. */
export function useSignOutNotice(): string | null {
  return useSyncExternalStore(subscribe, getSignOutNotice, getSignOutNotice);
}

/** The sentence shown for `?reason=blocked` (also the API's message for a blocked partner's requests). */
export const ACCOUNT_BLOCKED_NOTICE =
  "Your organization's access to Partner Hub is blocked. Ask the company you work for to unblock it.";
