import { useState } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import { ApolloProvider } from '@apollo/client/react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { createApolloClient } from './apollo-client';
import { appRoutes } from './routes';

/** The root: Apollo Client, antd theme and context (messages, modals, notifications), and the router. */
export function App() {
  const [client] = useState(() => createApolloClient());
  const [router] = useState(() => createBrowserRouter(appRoutes(client)));
  return (
    <ApolloProvider client={client}>
      <ConfigProvider theme={{ token: { colorPrimary: '#1668dc', borderRadius: 6 } }}>
        <AntApp>
          <RouterProvider router={router} />
        </AntApp>
      </ConfigProvider>
    </ApolloProvider>
  );
}
