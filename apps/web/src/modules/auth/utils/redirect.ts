/** Where the guard sends a signed-out user, and what it remembers about the page they wanted. */
export const SIGN_IN_PATH = '/sign-in';

export type SignInLocationState = {
  from?: { pathname?: unknown; search?: unknown; hash?: unknown };
};

/** The in-app path to return to after signing in; only same-app paths are accepted (no open redirect). */
export function returnPathFrom(state: unknown): string {
  const from = (state as SignInLocationState | null)?.from;
  const pathname = typeof from?.pathname === 'string' ? from.pathname : '/';
  if (!pathname.startsWith('/') || pathname.startsWith('//') || pathname.startsWith(SIGN_IN_PATH)) return '/';
  const search = typeof from?.search === 'string' ? from.search : '';
  const hash = typeof from?.hash === 'string' ? from.hash : '';
  return `${pathname}${search}${hash}`;
}
