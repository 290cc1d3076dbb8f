import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ApolloServerPlugin } from '@apollo/server';
import { passwordHashing } from '../auth/password.js';

/**
 * One Prometheus registry per server (so tests can run several in one process). `redisUp`, when Redis
 * is configured, says whether it is reachable now (the `redis_up` gauge).
 */
export function createMetrics(options: { redisUp?: () => boolean } = {}) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const { redisUp } = options;
  if (redisUp) {
    new Gauge({
      name: 'redis_up',
      help: 'Whether Redis (events between instances, shared sign-in throttling) is reachable: 1 or 0.',
      registers: [registry],
      collect() {
        this.set(redisUp() ? 1 : 0);
      },
    });
  }
  new Counter({
    name: 'password_hashes_total',
    help: 'Password hashes computed by this process (sign-ins, password changes, new users).',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(passwordHashing.completed);
    },
  });
  new Counter({
    name: 'password_hashes_refused_total',
    help: 'Password checks refused at once because too many were running or waiting ("sign-in is busy").',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(passwordHashing.refused);
    },
  });
  const httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const graphqlDuration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'Duration of GraphQL operations by name, type and outcome.',
    labelNames: ['operation', 'type', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  /** Apollo plugin timing each operation. */
  const apolloPlugin: ApolloServerPlugin = {
    async requestDidStart() {
      const end = graphqlDuration.startTimer();
      return {
        async willSendResponse({ operationName, operation, errors }) {
          end({ operation: operationName ?? 'anonymous', type: operation?.operation ?? 'unknown', outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
  return { registry, httpRequests, apolloPlugin };
}
