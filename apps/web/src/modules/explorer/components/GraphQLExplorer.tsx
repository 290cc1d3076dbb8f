import '../monaco-workers';
import 'graphiql/style.css';
import { useMemo } from 'react';
import { GraphiQL } from 'graphiql';
import { createExplorerFetcher } from '../fetcher';

const DEFAULT_QUERY = `# Partner Hub GraphQL explorer
#
# Requests run as you (your session cookie). Open the docs on the left to browse the schema.
# To act as a partner system instead, add an API key under "Headers":
#   { "Authorization": "Bearer ph_..." }

query WhoAmI {
  viewer {
    role
    permissions
    organization { name kind }
    user { name email }
  }
}
`;

export type GraphQLExplorerProps = {
  /** Height of the editor area (GraphiQL fills its container). */
  height: string;
};

/** GraphiQL 5 against this origin's /graphql, bundled with its Monaco workers. */
export function GraphQLExplorer({ height }: GraphQLExplorerProps) {
  const fetcher = useMemo(() => createExplorerFetcher(), []);
  return (
    <div style={{ height, border: '1px solid rgba(5, 5, 5, 0.06)', borderRadius: 8, overflow: 'hidden' }}>
      <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} shouldPersistHeaders={false} />
    </div>
  );
}
