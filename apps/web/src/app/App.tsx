import { useState } from 'react';
import { ConfigProvider } from 'antd';
import { ApolloProvider } from '@apollo/client/react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { createApolloClient } from './apollo-client';
import { appRoutes } from './routes';

/**
 * The root: Apollo Client, the antd theme and the router. antd's App context (messages, modals,
 * notifications) wraps the pages that use it (the signed-in shell, the invitation page), so the sign-in
 * page's first download carries none of that code.
 */
export function App() {
  const [client] = useState(() => createApolloClient());
  const [router] = useState(() => createBrowserRouter(appRoutes(client)));
  return (
    <ApolloProvider client={client}>
      <ConfigProvider theme={{ token: { colorPrimary: '#1668dc', borderRadius: 6 } }}>
        <RouterProvider router={router} />
      </ConfigProvider>
    </ApolloProvider>
  );
}
