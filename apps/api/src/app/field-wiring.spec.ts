import { describe, expect, it } from 'vitest';
import { GraphQLObjectType, GraphQLSchema, GraphQLString, graphql, isObjectType } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { getMetadataStorage } from 'type-graphql';
import type { RequestContext } from '../common/context/request-context.js';
import { buildAppSchema } from './build-schema.js';
import { isCalledDirectly, useAtOperationRoots } from './field-wiring.js';
import { makeViewer } from '../common/auth/viewer.js';
import type { Viewer } from '../common/auth/viewer.js';

describe('field wiring', () => {
  it('runs operation middlewares once per root field, outermost first, and never on nested fields', async () => {
    const calls: string[] = [];
    const item = new GraphQLObjectType({ name: 'Item', fields: { name: { type: GraphQLString } } });
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { items: { type: new GraphQLObjectType({ name: 'Items', fields: { a: { type: item }, b: { type: item } } }), resolve: () => ({ a: { name: 'a' }, b: { name: 'b' } }) } } }),
    });
    const named = (name: string): MiddlewareFn<RequestContext> => async ({ info }, next) => {
      calls.push(`${name}:${info.fieldName}`);
      return next();
    };
    useAtOperationRoots(schema, [named('outer'), named('inner')]);
    const result = await graphql({ schema, source: '{ items { a { name } b { name } } }' });
    expect(result).toEqual({ data: { items: { a: { name: 'a' }, b: { name: 'b' } } } });
    expect(calls).toEqual(['outer:items', 'inner:items']);
  });

  it('resolves plain fields without a wrapper; fields with a rule, a resolver method or another property name keep theirs', async () => {
    const schema = await buildAppSchema();
    const storage = getMetadataStorage();
    const field = (type: string, name: string) => {
      const object = schema.getType(type);
      if (!isObjectType(object)) throw new Error(`${type} is not an object type`);
      return object.getFields()[name]!;
    };
    expect(field('Vehicle', 'vin').resolve).toBeUndefined();
    expect(field('Job', 'title').resolve).toBeUndefined();
    expect(field('Partner', 'blocked').resolve).toBeUndefined();
    // every object field that declares a rule keeps its resolver, where the rule is checked
    let checked = 0;
    for (const rule of storage.authorizedFields) {
      const resolver = storage.fieldResolvers.find((r) => r.target === rule.target && r.methodName === rule.fieldName);
      const type = storage.objectTypes.find((t) => t.target === (resolver?.getObjectType?.() ?? rule.target));
      if (!type) continue; // a query, mutation or subscription
      const schemaName = resolver?.schemaName ?? type.fields?.find((f) => f.name === rule.fieldName)?.schemaName ?? rule.fieldName;
      expect(field(type.name, schemaName).resolve, `${type.name}.${schemaName}`).toBeTypeOf('function');
      checked += 1;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('checks a field\'s rule in place: a refusal throws at once, an allowed field answers its value without a promise', async () => {
    const schema = await buildAppSchema();
    const partner = schema.getType('Partner');
    if (!isObjectType(partner)) throw new Error('Partner is not an object type');
    const asViewer = (viewer: Viewer | null) => ({ viewer, blocked: false }) as unknown as RequestContext;
    const principalViewer = makeViewer({ kind: 'USER', userId: 'u', apiKeyId: null, sessionId: null, sessionExpiresAt: null, organizationId: 'o', organizationKind: 'PRINCIPAL', role: 'VIEWER', label: 'v' });
    const technician = makeViewer({ kind: 'USER', userId: 't', apiKeyId: null, sessionId: null, sessionExpiresAt: null, organizationId: 'p', organizationKind: 'PARTNER', role: 'TECHNICIAN', label: 't' });
    const row = { id: 'x', depositMinor: 150050, currency: 'EUR', additionalCurrencies: [], accountType: 'PREPAID' };
    const resolve = (field: string, ctx: RequestContext) => partner.getFields()[field]!.resolve!(row, {}, ctx, {} as never);

    // @Allow(): any signed-in identity; its value is the resolver's, not a promise of it
    expect(resolve('agreement', asViewer(principalViewer))).toMatchObject({ deposit: '1500.50', currency: 'EUR' });
    expect(() => resolve('agreement', asViewer(null))).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    // @Allow('partners:read', 'vehicles:read'): refused before the resolver runs (it would need loaders)
    expect(technician.permissions.has('partners:read')).toBe(false);
    expect(() => resolve('vehicleCount', asViewer(technician))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('calls field resolver methods directly with their parent, context and info; a method with arguments keeps type-graphql\'s handler', async () => {
    const schema = await buildAppSchema();
    const fields = (type: string) => {
      const object = schema.getType(type);
      if (!isObjectType(object)) throw new Error(`${type} is not an object type`);
      return object.getFields();
    };
    // a direct call answers as type-graphql's handler did (here inside the field's rule check)
    const viewer = makeViewer({ kind: 'USER', userId: 'u', apiKeyId: null, sessionId: null, sessionExpiresAt: null, organizationId: 'o', organizationKind: 'PRINCIPAL', role: 'VIEWER', label: 'v' });
    const row = { id: 'x', depositMinor: 2500, currency: 'EUR', additionalCurrencies: [], accountType: 'PREPAID' };
    expect(fields('Partner')['agreement']!.resolve!(row, {}, { viewer, blocked: false }, {} as never)).toMatchObject({ deposit: '25.00' });
    const direct = Object.entries({ Partner: ['agreement', 'name', 'parent', 'subPartnerCount', 'vehicleCount'], Job: ['vehicle', 'servicePartner'] });
    const wiring = new Map<string, boolean>();
    for (const [type, names] of direct) for (const name of names) wiring.set(`${type}.${name}`, isCalledDirectly(fields(type)[name]!.resolve));
    expect([...wiring].filter(([, isDirect]) => !isDirect)).toEqual([]);
    // `users(first, after)` has arguments: type-graphql converts them
    expect(isCalledDirectly(fields('Partner')['users']!.resolve)).toBe(false);
  });
});
