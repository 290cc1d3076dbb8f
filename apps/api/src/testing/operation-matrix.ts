/**
 * The access matrix's machinery (issue 15's proof): every Query and Mutation field read from the
 * built schema, with arguments and selection sets generated from their types, run as every role of
 * DESIGN.md §3 against objects the role must not see and against random ids — see
 * `access-matrix.*.int-spec.ts`. An operation added tomorrow is covered the day it is added; one
 * whose arguments the harness cannot build fails with a sentence saying which recipe to add.
 */
import {
  GraphQLError,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import type { GraphQLField, GraphQLInputType, GraphQLNamedType, GraphQLObjectType, GraphQLOutputType, GraphQLSchema, ValidationContext } from 'graphql';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { QUERY_LIMITS } from '../app/create-server.js';
import { randomVin } from '../modules/vehicle/vehicle.factory.js';
import { jobsImportsSettled } from '../modules/job/jobs-import.service.js';
import type { AccessWorld, ObjectKind, Role } from './access-world.js';
import { FOREIGN_PRIORITY, OTHER_PRINCIPAL, OWN_PREFERENCE, randomId, seesOf, withheldFieldsOf } from './access-world.js';
import type { GqlResult, TestApp } from './test-app.js';

export type OperationKind = 'query' | 'mutation';
export interface Operation {
  kind: OperationKind;
  name: string;
  field: GraphQLField<unknown, unknown>;
}

/** The operation called `name` (a test per operation looks it up by name). */
export function operationNamed(schema: GraphQLSchema, name: string): Operation {
  const op = operationsOf(schema).find((o) => o.name === name);
  if (!op) throw new Error(`no operation ${name} in the schema`);
  return op;
}

/** Every Query and Mutation field of the schema, by name. */
export function operationsOf(schema: GraphQLSchema): Operation[] {
  const of = (kind: OperationKind, type: GraphQLObjectType | null | undefined) =>
    Object.values(type?.getFields() ?? {}).map((field) => ({ kind, name: field.name, field }));
  return [...of('query', schema.getQueryType()), ...of('mutation', schema.getMutationType())].sort((a, b) => a.name.localeCompare(b.name));
}

// ---------------------------------------------------------------------------------------------
// ID recipes: which kind of object an ID-valued argument or input field names

/** `id`/`ids` fields and root arguments, by `InputType.field` or `Query.field.argument`. */
const ID_RECIPES: Record<string, ObjectKind> = {
  'Query.partner.id': 'partner',
  'Query.vehicle.id': 'vehicle',
  'Query.owner.id': 'owner',
  'Query.job.id': 'job',
  'Query.jobTemplate.id': 'template',
  'Query.importBatch.id': 'importBatch',
  'PartnerIdInput.id': 'partner',
  'MovePartnerInput.id': 'partner',
  'UpdatePartnerAgreementInput.id': 'partner',
  'UpdatePartnerProfileInput.id': 'partner',
  'UpdatePartnerSettingsInput.id': 'partner',
  'VehicleIdInput.id': 'vehicle',
  'UpdateVehicleInput.id': 'vehicle',
  'OwnerIdInput.id': 'owner',
  'UpdateOwnerInput.id': 'owner',
  'JobIdInput.id': 'job',
  'UpdateJobInput.id': 'job',
  'TransitionJobInput.id': 'job',
  'OverrideJobConfigurationInput.id': 'job',
  'BulkJobActionInput.ids': 'job',
  'JobTemplateIdInput.id': 'template',
  'UpdateJobTemplateInput.id': 'template',
  'DuplicateJobTemplateInput.id': 'template',
  'RevokeApiKeyInput.id': 'apiKey',
  'SetUserActiveInput.id': 'user',
  'UpdateUserInput.id': 'user',
};
/** Any other ID field, by its name. */
const ID_NAME_RECIPES: Record<string, ObjectKind> = {
  vehicleId: 'vehicle',
  vehicleIds: 'vehicle',
  ownerId: 'owner',
  partnerId: 'partner',
  parentId: 'partner',
  servicePartnerId: 'partner',
  defaultServicePartnerId: 'partner',
  templateId: 'template',
  importBatchId: 'importBatch',
  uploadId: 'upload',
  actorUserId: 'user',
};

export type Path = (string | number)[];
export interface IdPosition {
  /** where in the variables: ['input', 'filter', 'ownerId'] */
  path: Path;
  /** `InputType.field` or `Query.field.argument` */
  key: string;
  kind: ObjectKind;
}

const pathText = (path: Path) => path.join('.');
const isPrefix = (prefix: Path, path: Path) => prefix.length <= path.length && prefix.every((part, i) => path[i] === part);
const isRequired = (type: GraphQLInputType, defaultValue: unknown) => isNonNullType(type) && defaultValue === undefined;

/** Every ID-valued argument or input field of `op`, with the kind of object it names; throws for one without a recipe. */
export function idPositionsOf(op: Operation): IdPosition[] {
  const positions: IdPosition[] = [];
  const missing: string[] = [];
  const walk = (type: GraphQLInputType, path: Path, key: string, name: string, depth: number): void => {
    if (isNonNullType(type)) return walk(type.ofType, path, key, name, depth);
    if (isListType(type)) return walk(type.ofType, [...path, 0], key, name, depth);
    if (isInputObjectType(type)) {
      if (depth > 6) return;
      for (const field of Object.values(type.getFields())) walk(field.type, [...path, field.name], `${type.name}.${field.name}`, field.name, depth + 1);
      return;
    }
    if (type.name !== 'ID') return;
    const kind = ID_RECIPES[key] ?? ID_NAME_RECIPES[name];
    if (kind) positions.push({ path, key, kind });
    else missing.push(key);
  };
  const root = op.kind === 'query' ? 'Query' : 'Mutation';
  for (const arg of op.field.args) walk(arg.type, [arg.name], `${root}.${op.name}.${arg.name}`, arg.name, 0);
  if (missing.length) {
    throw new Error(
      `The access matrix cannot tell which object ${missing.join(', ')} of ${op.name} names: add an argument recipe to ID_RECIPES (or ID_NAME_RECIPES) in apps/api/src/testing/operation-matrix.ts.`,
    );
  }
  return positions;
}

// ---------------------------------------------------------------------------------------------
// Values for every other argument: valid ones, so that the id under test decides the answer

let counter = 0;
const today = () => new Date().toISOString().slice(0, 10);
interface RecipeContext {
  /** the path of the id under test, as text ('' when none) */
  target: string;
}
type Recipe = (c: RecipeContext) => unknown;
/** Non-ID values by `InputType.field`, then by field name. */
const VALUE_RECIPES: Record<string, Recipe> = {
  email: () => `matrix-new-${++counter}@new.example`,
  password: () => 'Matrix-Passw0rd-2026!',
  newPassword: () => 'Matrix-Passw0rd-2027!',
  currentPassword: () => 'not-the-current-password',
  token: () => 'not-a-valid-token',
  vin: () => randomVin(),
  scheduledFor: () => today(),
  currency: () => 'EUR',
  deposit: () => '100',
  additionalCurrencies: () => [],
  'PartnersImportInput.content': () => `name,role\nMatrix new partner ${++counter},DEALER\n`,
  'VehiclesImportInput.content': () => `vin,make,model\n${randomVin()},Matrix,New\n`,
  fileName: () => 'matrix.csv',
  name: () => `Matrix new ${++counter}`,
  'SetMyPreferenceInput.key': () => 'jobs.columns',
  'SetMyPreferenceInput.value': () => ['title'],
  reason: () => 'matrix reason',
  subject: () => 'Matrix subject',
  message: () => 'Matrix message',
  make: () => 'Matrix',
  model: () => 'Matrix',
  year: () => 2024,
  vatPercent: () => '19',
  // an action that takes the id under test into account, on a job the caller may act on
  'TransitionJobInput.action': ({ target }) => (target.endsWith('servicePartnerId') ? 'ASSIGN' : 'CANCEL'),
  'BulkJobActionInput.action': ({ target }) => (target.endsWith('servicePartnerId') ? 'ASSIGN' : 'CANCEL'),
  'CreateJobInput.assign': ({ target }) => target.endsWith('servicePartnerId'),
};
/** Optional input fields given anyway (the value then comes from VALUE_RECIPES). */
const FORCED_FIELDS = new Set(['TransitionJobInput.reason', 'BulkJobActionInput.reason', 'CreateJobInput.assign']);

function genericValue(type: GraphQLNamedType): unknown {
  if (isEnumType(type)) return type.getValues()[0]?.value;
  switch (type.name) {
    case 'String':
      return 'x';
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'DateTime':
      return new Date(Date.now() + 86_400_000).toISOString();
    case 'JSON':
    case 'JSONObject':
      return {};
    default:
      throw new Error(`The access matrix has no value for the scalar ${type.name}: add a generic value in genericValue (operation-matrix.ts).`);
  }
}

/** The id of an object of `kind` the role may see (for required ID positions not under test), or a random id. */
export function ownId(world: AccessWorld, role: Role, kind: ObjectKind): string {
  const sees = seesOf(role)[kind];
  const label = OWN_PREFERENCE[kind].find((l) => sees.includes(l));
  return label ? (world.objects.find((o) => o.kind === kind && o.label === label)?.id ?? randomId()) : randomId();
}

/**
 * The variables of `op` for `role`: required arguments and fields with valid values, the id under
 * test (`target`) at its path, optional inputs only where the target lies inside them.
 */
export function variablesFor(op: Operation, world: AccessWorld, role: Role, target?: { path: Path; value: string }): Record<string, unknown> {
  const context: RecipeContext = { target: target ? pathText(target.path) : '' };
  const onTarget = (path: Path) => !!target && isPrefix(path, target.path);
  const build = (type: GraphQLInputType, path: Path, key: string, name: string, needed: boolean): unknown => {
    if (isNonNullType(type)) return build(type.ofType, path, key, name, needed);
    if (target && pathText(path) === pathText(target.path)) return target.value;
    const recipe = VALUE_RECIPES[key] ?? VALUE_RECIPES[name];
    if (!needed && !onTarget(path) && !FORCED_FIELDS.has(key)) return undefined;
    if (recipe && !onTarget(path)) return recipe(context);
    if (isListType(type)) return [build(type.ofType, [...path, 0], key, name, true)];
    if (isInputObjectType(type)) {
      const value: Record<string, unknown> = {};
      for (const field of Object.values(type.getFields())) {
        const fieldPath = [...path, field.name];
        const fieldKey = `${type.name}.${field.name}`;
        const v = build(field.type, fieldPath, fieldKey, field.name, isRequired(field.type, field.defaultValue));
        if (v !== undefined) value[field.name] = v;
      }
      return value;
    }
    const named = getNamedType(type);
    if (named.name === 'ID') {
      const kind = ID_RECIPES[key] ?? ID_NAME_RECIPES[name];
      return kind ? ownId(world, role, kind) : randomId();
    }
    return genericValue(named);
  };
  const root = op.kind === 'query' ? 'Query' : 'Mutation';
  const variables: Record<string, unknown> = {};
  for (const arg of op.field.args) {
    const value = build(arg.type, [arg.name], `${root}.${op.name}.${arg.name}`, arg.name, isRequired(arg.type, arg.defaultValue));
    if (value !== undefined) variables[arg.name] = value;
  }
  return variables;
}

// ---------------------------------------------------------------------------------------------
// Selection sets: every leaf of the answer, of its union members and ErrorResults, and one level of objects

/** Objects with an id are the answer's objects; the rest (Success wrappers, connections, edges, value objects) are transparent. */
const isEntity = (type: GraphQLObjectType) => 'id' in type.getFields();

function selectionOf(schema: GraphQLSchema, type: GraphQLOutputType, entityLevels: number, nesting = 0): string | null {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (nesting > 6) return null;
  if (isUnionType(named) || isInterfaceType(named)) {
    const members = isUnionType(named) ? named.getTypes() : schema.getPossibleTypes(named);
    const parts = members.map((member) => `... on ${member.name} ${objectSelection(schema, member, entityLevels, nesting) ?? '{ __typename }'}`);
    return `{ __typename ${parts.join(' ')} }`;
  }
  return objectSelection(schema, named as GraphQLObjectType, entityLevels, nesting);
}

function objectSelection(schema: GraphQLSchema, type: GraphQLObjectType, entityLevels: number, nesting: number): string | null {
  const levels = isEntity(type) ? entityLevels - 1 : entityLevels;
  if (levels < 0) return null;
  const parts = ['__typename'];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((arg) => isRequired(arg.type, arg.defaultValue))) continue;
    const sub = selectionOf(schema, field.type, levels, nesting + 1);
    if (sub === null) continue;
    parts.push(sub ? `${field.name} ${sub}` : field.name);
  }
  return `{ ${parts.join(' ')} }`;
}

const reportInto = { propagateOnRejection: false, onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)] };
const LIMIT_RULES = [maxDepthRule({ n: QUERY_LIMITS.maxDepth, ...reportInto }), costLimitRule({ maxCost: QUERY_LIMITS.maxCost, ...reportInto })];

const printType = (type: GraphQLInputType): string => String(type);

/**
 * The document of `op` for these variables: every leaf of the answer (and of each union member and
 * ErrorResult) and one level of object fields — fewer levels if the query limits would refuse it.
 */
export function documentFor(schema: GraphQLSchema, op: Operation, variables: Record<string, unknown>): string {
  const args = op.field.args.filter((arg) => arg.name in variables);
  const declarations = args.length ? `(${args.map((arg) => `$${arg.name}: ${printType(arg.type)}`).join(', ')})` : '';
  const call = args.length ? `(${args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})` : '';
  const problems: string[] = [];
  for (const levels of [2, 1]) {
    const selection = selectionOf(schema, op.field.type, levels) ?? '{ __typename }';
    const document = `${op.kind} Matrix_${op.name}${declarations} { ${op.name}${call} ${selection} }`;
    const errors = validate(schema, parse(document), [...specifiedRules, ...LIMIT_RULES]);
    if (errors.length === 0) return document;
    problems.push(errors.map((e) => e.message).join('; '));
  }
  throw new Error(`The access matrix cannot build a selection for ${op.name} within the query limits: ${problems.join(' | ')}`);
}

// ---------------------------------------------------------------------------------------------
// Judging answers

/** What must not appear in any answer to `role`: every string of every object it may not see, and the withheld fields. */
export function markersOf(world: AccessWorld, role: Role): { what: string; text: string }[] {
  const sees = seesOf(role);
  const markers: { what: string; text: string }[] = [];
  for (const object of world.objects) {
    if (sees[object.kind].includes(object.label)) continue;
    for (const text of object.strings) markers.push({ what: `${object.kind} ${object.label}`, text });
  }
  for (const text of withheldFieldsOf(role, world)) markers.push({ what: 'a withheld field', text });
  return markers;
}

/** The markers found in `text` (after removing the ids the request itself sent). */
export function leaksIn(text: string, markers: { what: string; text: string }[], sent: string[]): string[] {
  let scrubbed = text;
  for (const id of sent) scrubbed = scrubbed.split(id).join('<sent-id>');
  const found = new Set<string>();
  for (const marker of markers) if (scrubbed.includes(marker.text)) found.add(`${marker.what} (${marker.text})`);
  return [...found];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g;

/**
 * An answer as text for comparing a foreign id's with a random id's: the id sent replaced by one
 * placeholder; ids of objects made by the call itself and timestamps by placeholders too.
 */
export function normalized(answer: unknown, sentId: string, knownIds: Set<string>): string {
  const normal = (text: string) =>
    text
      .split(sentId)
      .join('<the-id>')
      .replace(UUID, (id) => (knownIds.has(id) ? id : '<new-id>'))
      .replace(TIME, '<time>');
  // keyset cursors are base64 of the row's sort key: compared by what they encode
  return normal(JSON.stringify(answer)).replace(/"(cursor|endCursor|startCursor)":"([^"]+)"/g, (_all, key: string, cursor: string) => `"${key}":"${normal(Buffer.from(cursor, 'base64url').toString('utf8'))}"`);
}

/**
 * Whether a GraphQL answer refuses the operation: an error of the operation itself (no path, or the
 * root field's), or an ErrorResult member as the field's answer. An error deeper down refuses only
 * that field (e.g. `Partner.users` for a principal MANAGER): the operation itself went through.
 */
export function isRefusal(schema: GraphQLSchema, result: GqlResult): boolean {
  const errors = (result.errors ?? []) as readonly { path?: readonly (string | number)[] }[];
  if (errors.some((error) => !error.path || error.path.length <= 1)) return true;
  const answer = Object.values(result.data ?? {})[0] as { __typename?: string } | null | undefined;
  const typename = answer?.__typename;
  if (!typename) return false;
  const type = schema.getType(typename);
  return isObjectType(type) && type.getInterfaces().some((i) => i.name === 'ErrorResult');
}

// ---------------------------------------------------------------------------------------------
// The database: a checksum per table, and a restore to the world as built

/**
 * Columns the authentication of *every* request may touch, refused or not: a session slides its
 * idle expiry (`last_seen_at`, `expires_at`) and an API key records its last use. They are not the
 * operation's writes, so the snapshot leaves them out.
 */
const AUTH_BOOKKEEPING: Record<string, string[]> = {
  session: ['last_seen_at', 'expires_at'],
  api_key: ['last_used_at'],
};

/** Snapshots of the world's tables: compare with the world as built, and restore changed tables. */
export async function databaseSnapshots(app: TestApp) {
  const connection = app.orm.em.getConnection();
  const rows = (await connection.execute(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'mikro_orm%' order by table_name`,
  )) as { table_name: string }[];
  const tables = rows.map((r) => r.table_name);
  const checksumSql = tables
    .map((table) => {
      const row = (AUTH_BOOKKEEPING[table] ?? []).reduce((expr, column) => `${expr} - '${column}'`, 'to_jsonb(t)');
      return `select '${table}' as name, count(*)::int as rows, coalesce(md5(string_agg((${row})::text, '' order by (${row})::text)), '') as sum from public."${table}" t`;
    })
    .join(' union all ');
  const checksums = async () => {
    const result = (await connection.execute(checksumSql)) as { name: string; rows: number; sum: string }[];
    return new Map(result.map((r) => [r.name, `${r.rows}:${r.sum}`]));
  };
  await connection.execute(`drop schema if exists matrix_snapshot cascade; create schema matrix_snapshot`);
  for (const table of tables) await connection.execute(`create table matrix_snapshot."${table}" as select * from public."${table}"`);
  const baseline = await checksums();

  return {
    /** the tables whose rows differ from the world as built */
    async changed(): Promise<string[]> {
      const now = await checksums();
      return tables.filter((table) => now.get(table) !== baseline.get(table));
    },
    /** puts the world back as built (foreign keys are not checked while the rows are copied back) */
    async restore(changed: string[]): Promise<void> {
      if (changed.length === 0) return;
      const statements = changed.map((table) => `delete from public."${table}"; insert into public."${table}" select * from matrix_snapshot."${table}";`);
      await connection.execute(`begin; set local session_replication_role = replica; ${statements.join(' ')} commit;`);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Known leaks

/**
 * Issue 15's leaks that the matrix finds and that are being fixed elsewhere, by `<operation> as <role>`
 * (exactly: no wildcards). A listed pair may fail; a listed pair that no longer fails fails the
 * matrix, so remove its entry in the commit that fixes it. Never add an entry without an issue.
 */
export const KNOWN_LEAKS: Record<string, string> = {
  // empty: every leak issue 15 listed is fixed. An entry names `<operation> as <role>` with the reason and the issue.
};

/** One problem the matrix found. */
export interface Finding {
  operation: string;
  role: Role;
  problem: string;
}

const short = (text: string, length = 600) => (text.length > length ? `${text.slice(0, length)}…` : text);
/** Two answers around their first difference. */
function difference(got: string, expected: string): string {
  let at = 0;
  while (at < got.length && got[at] === expected[at]) at += 1;
  const from = Math.max(0, at - 200);
  return `…${got.slice(from, at + 250)}… — a random id answers …${expected.slice(from, at + 250)}…`;
}

/**
 * The matrix over one operation: every role, its own call (required ids: its own objects) and, for every
 * ID position, each object of that kind the role may not see and a random id; a refusal must write
 * nothing, and what a successful call changed is put back before the next call.
 */
export function createMatrix(app: TestApp, world: AccessWorld, schema: GraphQLSchema, db: Awaited<ReturnType<typeof databaseSnapshots>>) {
  const knownIds = new Set(world.objects.map((o) => o.id));
  const markers = new Map<Role, { what: string; text: string }[]>();
  const markersFor = (role: Role) => {
    let found = markers.get(role);
    if (!found) markers.set(role, (found = markersOf(world, role)));
    return found;
  };
  /** the foreign objects of `kind` the matrix tries for `role` (FOREIGN_PRIORITY) */
  const foreignOf = (role: Role, kind: ObjectKind) => {
    const labels = FOREIGN_PRIORITY[kind].filter((label) => !seesOf(role)[kind].includes(label));
    const picked = labels.slice(0, 2);
    const other = labels.find((label) => OTHER_PRINCIPAL.has(label));
    if (other && !picked.includes(other)) picked.push(other);
    return world.objects.filter((o) => o.kind === kind && picked.includes(o.label)).sort((a, b) => picked.indexOf(a.label) - picked.indexOf(b.label));
  };

  async function call(op: Operation, role: Role, variables: Record<string, unknown>, findings: Finding[], sent: string[], snapshot: boolean) {
    const document = documentFor(schema, op, variables);
    const result = await app.gql(document, variables, world.credentials[role]);
    const answer = { data: result.data ?? null, errors: result.errors?.map((e) => ({ message: e.message, code: e.extensions?.['code'] ?? null, reason: e.extensions?.['reason'] ?? null, field: e.extensions?.['field'] ?? null })) ?? null };
    // a domain error arrives as BAD_USER_INPUT with a reason; without one it is the request's own fault
    const harness = answer.errors?.find((e) => e.code === 'GRAPHQL_VALIDATION_FAILED' || (e.code === 'BAD_USER_INPUT' && !e.reason));
    if (harness) findings.push({ operation: op.name, role, problem: `the harness built an invalid request (${harness.message}); fix its recipe in operation-matrix.ts. Variables: ${short(JSON.stringify(variables))}` });
    if (answer.errors?.some((e) => e.code === 'INTERNAL_SERVER_ERROR')) {
      findings.push({ operation: op.name, role, problem: `an internal error answers ${short(JSON.stringify(variables), 300)}` });
    }
    for (const leak of leaksIn(JSON.stringify(answer), markersFor(role), sent)) {
      findings.push({ operation: op.name, role, problem: `the answer with ${short(JSON.stringify(variables), 300)} shows ${leak}` });
    }
    let changed: string[] = [];
    if (snapshot) {
      // work a call started in the background (a jobs import) belongs to that call: wait for it
      await jobsImportsSettled();
      changed = await db.changed();
      if (changed.length && isRefusal(schema, result)) {
        findings.push({ operation: op.name, role, problem: `refused (${short(JSON.stringify(answer), 300)}) yet wrote to ${changed.join(', ')}; variables ${short(JSON.stringify(variables), 300)}` });
      }
      await db.restore(changed);
    }
    return { answer, changed };
  }

  /** The role's own call (and, for a read by id, one per object it may see): searched for what it must not see. */
  async function ownCalls(op: Operation, role: Role, positions: IdPosition[], findings: Finding[], snapshot: boolean) {
    await call(op, role, variablesFor(op, world, role), findings, [], snapshot);
    if (op.kind !== 'query') return;
    for (const position of positions.filter((p) => p.path.length === 1)) {
      for (const label of seesOf(role)[position.kind]) {
        const visible = world.objects.find((o) => o.kind === position.kind && o.label === label);
        if (visible) await call(op, role, variablesFor(op, world, role, { path: position.path, value: visible.id }), findings, [], snapshot);
      }
    }
  }

  /** Every ID position with a random id, then with each foreign object: the same answer and the same writes. */
  async function foreignCalls(op: Operation, role: Role, positions: IdPosition[], findings: Finding[], snapshot: boolean) {
    for (const position of positions) {
      const random = randomId();
      const expected = await call(op, role, variablesFor(op, world, role, { path: position.path, value: random }), findings, [random], snapshot);
      const expectedText = normalized(expected.answer, random, knownIds);
      // refused before any id is read (not signed in, a role without the permission): one foreign id suffices
      const deniedOutright = !expected.answer.data && !!expected.answer.errors?.every((e) => e.code === 'UNAUTHENTICATED' || e.code === 'FORBIDDEN');
      const foreigns = foreignOf(role, position.kind);
      for (const foreign of deniedOutright ? foreigns.slice(0, 1) : foreigns) {
        const got = await call(op, role, variablesFor(op, world, role, { path: position.path, value: foreign.id }), findings, [foreign.id], snapshot);
        const gotText = normalized(got.answer, foreign.id, knownIds);
        if (gotText !== expectedText) {
          findings.push({ operation: op.name, role, problem: `${pathText(position.path)} = ${position.kind} ${foreign.label} answers ${difference(gotText, expectedText)}` });
        }
        if (got.changed.join() !== expected.changed.join()) {
          findings.push({ operation: op.name, role, problem: `${pathText(position.path)} = ${position.kind} ${foreign.label} changed [${got.changed.join(', ')}] — a random id changed [${expected.changed.join(', ')}]` });
        }
      }
    }
  }

  type Phase = typeof ownCalls;
  /**
   * One phase over every role. Writes are watched optimistically: the roles run a few at a time and the
   * database is compared once; only if something changed is it restored and the phase run again one
   * call at a time, each call followed by a snapshot (so each write is attributed to its call, and every
   * call meets the world as built).
   */
  async function phase(run: Phase, op: Operation, roles: readonly Role[], positions: IdPosition[], watchWrites: boolean): Promise<Finding[]> {
    const optimistic: Finding[] = [];
    await inBatches(roles.map((role) => () => run(op, role, positions, optimistic, false)), 4);
    if (!watchWrites) return optimistic;
    await jobsImportsSettled();
    const changed = await db.changed();
    if (changed.length === 0) return optimistic;
    await db.restore(changed);
    const findings: Finding[] = [];
    for (const role of roles) await run(op, role, positions, findings, true);
    return findings;
  }

  /**
   * Every finding of `op` over every role. Throws (failing the test) for an operation the harness cannot
   * build arguments for. Mutations (and queries with `watchWrites`) have their writes watched.
   */
  async function check(op: Operation, roles: readonly Role[], options: { watchWrites?: boolean } = {}): Promise<Finding[]> {
    const positions = idPositionsOf(op);
    const watchWrites = op.kind === 'mutation' || !!options.watchWrites;
    return [...(await phase(ownCalls, op, roles, positions, watchWrites)), ...(await phase(foreignCalls, op, roles, positions, watchWrites))];
  }

  return { check, markersFor, foreignOf, knownIds };
}

/**
 * The findings of one operation against KNOWN_LEAKS: what is left must be empty. A listed pair
 * without a finding is reported too, so the list stays exact.
 */
export function unexpected(operation: string, findings: Finding[]): string[] {
  const left = findings.filter((f) => !(`${f.operation} as ${f.role}` in KNOWN_LEAKS)).map((f) => `${f.operation} as ${f.role}: ${f.problem}`);
  const found = new Set(findings.map((f) => `${f.operation} as ${f.role}`));
  for (const key of Object.keys(KNOWN_LEAKS)) {
    if (key.startsWith(`${operation} as `) && !found.has(key)) left.push(`${key} no longer leaks: remove it from KNOWN_LEAKS (operation-matrix.ts)`);
  }
  return left;
}


/**
 * Runs `tasks` with at most `parallel` at a time (the in-process server and the pool of 5 take a few at once).
 */
export async function inBatches<T>(tasks: (() => Promise<T>)[], parallel: number): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < tasks.length; i += parallel) results.push(...(await Promise.all(tasks.slice(i, i + parallel).map((task) => task()))));
  return results;
}
