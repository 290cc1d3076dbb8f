/**
 * A tiny GraphQL-over-HTTP client for black-box tests: plain fetch with JSON bodies, and a
 * cookie jar of one cookie (`ph_session`) so a test can act as a signed-in browser would.
 */

/** The demo password of every seeded user (see the demo data table in the README). */
export const DEMO_PASSWORD = 'partnerhub-demo';
export const SESSION_COOKIE = 'ph_session';

export interface GraphQLError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown> & { code?: string };
}

export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: TData | null;
  errors?: GraphQLError[];
  /** The raw response body, for assertions on what must never appear in it. */
  text: string;
}

export interface RequestOptions {
  variables?: Record<string, unknown>;
  /** Full Cookie header value, e.g. `ph_session=...`. */
  cookie?: string;
  /** An API key secret, sent as `Authorization: Bearer <secret>`. */
  bearer?: string;
}

/** POSTs one operation to `<baseUrl>/graphql` and parses the JSON answer. */
export async function gql<TData = Record<string, unknown>>(
  baseUrl: string,
  query: string,
  options: RequestOptions = {},
): Promise<GraphQLResponse<TData>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables: options.variables ?? {} }),
  });
  const text = await response.text();
  let body: { data?: TData | null; errors?: GraphQLError[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`POST /graphql answered ${response.status} with a non-JSON body: ${text.slice(0, 500)}`);
  }
  return { status: response.status, headers: response.headers, data: body.data, errors: body.errors, text };
}

/** Like `gql`, but fails with the whole answer when it carries errors or no data. */
export async function gqlData<TData = Record<string, unknown>>(
  baseUrl: string,
  query: string,
  options: RequestOptions = {},
): Promise<TData> {
  const result = await gql<TData>(baseUrl, query, options);
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL request failed (HTTP ${result.status}): ${result.text.slice(0, 1000)}\nQuery: ${query}`);
  }
  return result.data;
}

export interface ParsedCookie {
  name: string;
  value: string;
  /** Attribute names lower-cased (`httponly`, `samesite`, `path`, ...) with their values ('' for flags). */
  attributes: Record<string, string>;
}

/** The named cookie among a response's Set-Cookie headers, parsed; undefined when not set. */
export function findSetCookie(headers: Headers, name: string): ParsedCookie | undefined {
  for (const header of headers.getSetCookie()) {
    const [pair = '', ...rest] = header.split(';');
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    const attributes: Record<string, string> = {};
    for (const attribute of rest) {
      const [key = '', ...value] = attribute.split('=');
      if (key.trim()) attributes[key.trim().toLowerCase()] = value.join('=').trim();
    }
    return { name, value: pair.slice(eq + 1).trim(), attributes };
  }
  return undefined;
}

export const SIGN_IN = /* GraphQL */ `
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on SignInSuccess {
        viewer {
          role
          user {
            id
            email
          }
          organization {
            name
          }
        }
      }
      ... on ErrorResult {
        code
        message
        field
      }
    }
  }
`;

export const VIEWER = /* GraphQL */ `
  query Viewer {
    viewer {
      role
      permissions
      user {
        id
        email
        name
      }
      apiKey {
        id
        name
      }
      organization {
        name
        kind
      }
    }
  }
`;

export interface ViewerData {
  viewer: {
    role: string;
    permissions: string[];
    user: { id: string; email: string; name: string } | null;
    apiKey: { id: string; name: string } | null;
    organization: { name: string; kind: string };
  } | null;
}

export interface SignInData {
  signIn: {
    __typename: string;
    code?: string;
    message?: string;
    field?: string | null;
    viewer?: { role: string; user: { id: string; email: string } | null; organization: { name: string } };
  };
}

/**
 * Signs in with e-mail and password and returns the `Cookie` header value that carries the
 * session. Fails with the server's answer when no session cookie comes back.
 */
export async function signIn(baseUrl: string, email: string, password: string = DEMO_PASSWORD): Promise<string> {
  const result = await gql<SignInData>(baseUrl, SIGN_IN, { variables: { input: { email, password } } });
  const cookie = findSetCookie(result.headers, SESSION_COOKIE);
  if (result.data?.signIn.__typename !== 'SignInSuccess' || !cookie?.value) {
    throw new Error(`Signing in as ${email} failed (HTTP ${result.status}): ${result.text.slice(0, 1000)}`);
  }
  return `${SESSION_COOKIE}=${cookie.value}`;
}

/** Satisfies both password policies (SIMPLE and COMPLEX). */
export const STRONG_PASSWORD = 'E2e-Passw0rd-Strong!';

export const CREATE_USER = /* GraphQL */ `
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      __typename
      ... on CreateUserSuccess {
        user {
          id
          email
          role
        }
      }
      ... on ErrorResult {
        code
        message
        field
      }
    }
  }
`;

export interface CreateUserData {
  createUser: { __typename: string; user?: { id: string; email: string; role: string }; message?: string };
}

/** Creates a user in the caller's organization and returns it; fails with the answer otherwise. */
export async function createUser(
  baseUrl: string,
  auth: Pick<RequestOptions, 'cookie' | 'bearer'>,
  input: { email: string; name: string; role: string; password?: string },
): Promise<{ id: string; email: string; role: string }> {
  const result = await gql<CreateUserData>(baseUrl, CREATE_USER, {
    ...auth,
    variables: { input: { password: STRONG_PASSWORD, ...input } },
  });
  const user = result.data?.createUser.user;
  if (result.data?.createUser.__typename !== 'CreateUserSuccess' || !user) {
    throw new Error(`createUser(${input.email}) failed (HTTP ${result.status}): ${result.text.slice(0, 1000)}`);
  }
  return user;
}

/** A unique e-mail address for a user a test creates. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@aurora-motors.example`;
}
