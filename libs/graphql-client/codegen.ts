import type { CodegenConfig } from '@graphql-codegen/cli';
import { Kind, visit } from 'graphql';
import type { FieldNode } from 'graphql';

/**
 * Generates typed documents from the committed schema and the operations in this library.
 * `CODEGEN_OUTPUT` redirects the output (check-generated writes to a temporary file and compares).
 */
const output = process.env['CODEGEN_OUTPUT'] ?? 'src/generated/graphql.ts';

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

const config: CodegenConfig = {
  overwrite: true,
  schema: 'schema.graphql',
  documents: ['fragments/**/*.graphql', 'operations/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    [output]: {
      documentTransforms: [
        {
          // Adds `__typename` to every selection set below the operation root, so the emitted documents
          // fetch exactly what the generated types promise — for Apollo (which would add it anyway) and
          // for plain clients such as the e2e suites.
          transform: ({ documents }) =>
            documents.map((source) => ({
              ...source,
              document: source.document
                ? visit(source.document, {
                    SelectionSet(node, _key, parent) {
                      const isOperationRoot =
                        !!parent && 'kind' in parent && parent.kind === Kind.OPERATION_DEFINITION;
                      const hasTypename = node.selections.some(
                        (selection) => selection.kind === Kind.FIELD && selection.name.value === '__typename',
                      );
                      return isOperationRoot || hasTypename
                        ? undefined
                        : { ...node, selections: [TYPENAME, ...node.selections] };
                    },
                  })
                : undefined,
            })),
        },
      ],
      plugins: ['typescript', 'typescript-operations', 'typed-document-node', './scripts/codegen-plugin.cjs'],
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        // Result fields are never optional (nullable ones are `T | null`); variables and input fields may be left out.
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        defaultScalarType: 'unknown',
        scalars: {
          DateTime: 'string',
          // a calendar day, YYYY-MM-DD: format it as that day (formatLocalDate), never through new Date(), which reads it as UTC midnight
          LocalDate: 'string',
          JSONObject: 'Record<string, unknown>',
          JSON: 'unknown',
        },
        skipTypename: false,
        nonOptionalTypename: true,
        // Operation roots carry no __typename (as in Apollo); every object below does.
        skipTypeNameForRoot: true,
      },
    },
  },
  hooks: {
    // Explicit config: check-generated formats its copy outside the repository, where no .prettierrc is found.
    afterOneFileWrite: ['prettier --write --config ../../.prettierrc'],
  },
};

export default config;
