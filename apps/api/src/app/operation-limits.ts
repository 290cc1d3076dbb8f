import { GraphQLError, Kind } from 'graphql';
import type { FieldNode, SelectionSetNode, ValidationContext, ValidationRule } from 'graphql';

/**
 * Root fields an operation may ask for at most once (aliases included), because each one is heavy
 * (a whole CSV export or import, the access ledger of a vehicle over time) or is a guess at a password
 * that must count as one attempt. The query cost limit cannot see that: a field costs 1 however much
 * work it does. Fields of one group share the allowance (one CSV export per request, of any list).
 */
export const ONE_PER_OPERATION: readonly { root: 'Query' | 'Mutation'; fields: readonly string[]; what: string }[] = [
  { root: 'Query', fields: ['ownersCsv', 'partnersCsv', 'vehiclesCsv'], what: 'CSV export' },
  { root: 'Query', fields: ['validatePartnersImport', 'validateVehiclesImport', 'validateJobsImport'], what: 'import dry run' },
  { root: 'Mutation', fields: ['importPartners', 'importVehicles', 'startJobsImport'], what: 'import' },
  { root: 'Query', fields: ['whoCanAccess'], what: 'whoCanAccess' },
  { root: 'Mutation', fields: ['signIn'], what: 'signIn' },
  { root: 'Mutation', fields: ['changePassword'], what: 'changePassword' },
];

/** The root fields an operation's selection set executes (through inline fragments and fragment spreads). */
function rootFields(context: ValidationContext, selectionSet: SelectionSetNode, seen = new Set<string>()): FieldNode[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(context, selection.selectionSet, seen);
    const name = selection.name.value;
    const fragment = context.getFragment(name);
    if (!fragment || seen.has(name)) return []; // unknown or cyclic spreads are other rules' errors
    seen.add(name);
    return rootFields(context, fragment.selectionSet, seen);
  });
}

/**
 * A validation rule: refuses (before anything runs) an operation that asks for more than one field of a
 * group of {@link ONE_PER_OPERATION}. Fields under the same response key run once, so they count once.
 */
export const onePerOperationRule: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    const root = operation.operation === 'query' ? 'Query' : operation.operation === 'mutation' ? 'Mutation' : null;
    if (!root) return;
    const fields = rootFields(context, operation.selectionSet);
    for (const group of ONE_PER_OPERATION) {
      if (group.root !== root) continue;
      const asked = fields.filter((field) => group.fields.includes(field.name.value));
      const keys = new Set(asked.map((field) => field.alias?.value ?? field.name.value));
      if (keys.size <= 1) continue;
      context.reportError(
        new GraphQLError(`Only one ${group.what} per request: this operation asks for ${keys.size} (${[...keys].join(', ')}). Send each in a request of its own.`, {
          nodes: asked,
        }),
      );
    }
  },
});
