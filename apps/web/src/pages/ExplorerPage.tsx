import { Alert, Typography } from 'antd';
import { PageHeader } from '@partner-hub/ui';
import { GraphQLExplorer } from '../modules/explorer/components/GraphQLExplorer';

/** /explorer (lazy-loaded: GraphiQL and Monaco are a separate chunk). */
export function ExplorerPage() {
  return (
    <>
      <PageHeader
        title="GraphQL explorer"
        subtitle="Try the API that this app and partner systems use. Queries run with your own permissions."
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="Calling the API from a partner system"
        description={
          <Typography.Text>
            Create a key under Settings → API keys and send it with every request to{' '}
            <Typography.Text code>/graphql</Typography.Text> as{' '}
            <Typography.Text code>Authorization: Bearer ph_…</Typography.Text>. Subscriptions use the graphql-ws
            protocol on the same path, with <Typography.Text code>{'{ "authorization": "Bearer ph_…" }'}</Typography.Text>{' '}
            as connection parameters.
          </Typography.Text>
        }
      />
      <GraphQLExplorer height="calc(100vh - 320px)" />
    </>
  );
}
