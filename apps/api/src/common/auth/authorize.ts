import { Authorized } from 'type-graphql';
import type { AuthChecker } from 'type-graphql';
import type { Permission } from '@partner-hub/domain';
import type { RequestContext } from '../context/request-context.js';
import { accountBlocked, forbidden, notSignedIn } from '../errors/app-errors.js';

/**
 * The one authorization layer. Every operation carries either `@Allow(...)` (type-graphql's
 * `@Authorized` with permissions from libs/domain) or `@Public()`; authorization.spec walks
 * the schema metadata and fails on any operation with neither.
 */
export const SIGNED_IN = 'signed-in';

/** Requires a signed-in identity holding every listed permission (none listed: any signed-in identity). */
export function Allow(...permissions: Permission[]): MethodDecorator & PropertyDecorator {
  return Authorized(permissions.length === 0 ? [SIGNED_IN] : permissions);
}

const publicOperations = new Set<string>();

/** Marks an operation open to anonymous callers. Recorded so the guard test can tell it was meant. */
export function Public(): MethodDecorator {
  return (target, propertyKey) => {
    publicOperations.add(`${target.constructor.name}.${String(propertyKey)}`);
  };
}

export function isPublicOperation(className: string, methodName: string): boolean {
  return publicOperations.has(`${className}.${methodName}`);
}

/** Fails unless the context's identity is signed in and holds every permission (also what HTTP routes outside GraphQL call). */
export function assertAllowed(context: RequestContext, permissions: readonly Permission[]): void {
  const viewer = context.viewer;
  if (!viewer) throw context.blocked ? accountBlocked() : notSignedIn();
  if (!permissions.every((p) => viewer.permissions.has(p))) throw forbidden();
}

/** Fails unless the context's identity meets an `@Allow`'s roles (SIGNED_IN, or permissions). */
export function assertRoles(context: RequestContext, roles: readonly string[]): void {
  assertAllowed(context, roles.filter((r) => r !== SIGNED_IN) as Permission[]);
}

export const authChecker: AuthChecker<RequestContext> = ({ context }, roles) => {
  assertRoles(context, roles);
  return true;
};
