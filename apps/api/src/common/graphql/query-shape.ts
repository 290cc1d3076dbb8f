import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';

/**
 * Bounds on the shape of a query's text, checked with graphql-js's lexer (a loop, no recursion)
 * before the parser and the validation rules (both recursive) see it: a query nested thousands of
 * levels deep, or a chain of a thousand fragments each spreading the next, would otherwise overflow
 * the stack there.
 * The largest operation of the web app has under 1,000 tokens; introspection about 300.
 */
export const QUERY_SHAPE_LIMITS = { maxTokens: 15_000, maxNesting: 64, maxFragments: 200 };

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * Query texts already found within bounds: clients send the same few operations again and again, and
 * lexing a page's query on every request is work the answer never changes (issue 12). Only texts up to
 * {@link REMEMBERED_TEXT_CHARS}, at most {@link REMEMBERED_TEXTS} of them; past that, each is lexed.
 */
const withinBounds = new Set<string>();
const REMEMBERED_TEXTS = 1000;
const REMEMBERED_TEXT_CHARS = 20_000;

/** Why a query's text is refused before parsing, or null (a syntax error is left to the parser, which names its position). */
export function queryShapeProblem(query: string): string | null {
  if (withinBounds.has(query)) return null;
  const problem = lexedShapeProblem(query);
  if (problem === null && query.length <= REMEMBERED_TEXT_CHARS && withinBounds.size < REMEMBERED_TEXTS) withinBounds.add(query);
  return problem;
}

function lexedShapeProblem(query: string): string | null {
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  let nesting = 0;
  let fragments = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > QUERY_SHAPE_LIMITS.maxTokens) return `The query has more than ${QUERY_SHAPE_LIMITS.maxTokens.toLocaleString('en')} tokens. Split it into smaller operations.`;
      if (OPENING.has(token.kind) && ++nesting > QUERY_SHAPE_LIMITS.maxNesting) return `The query is nested more than ${QUERY_SHAPE_LIMITS.maxNesting} levels deep.`;
      if (CLOSING.has(token.kind)) nesting--;
      if (nesting === 0 && token.kind === TokenKind.NAME && token.value === 'fragment' && ++fragments > QUERY_SHAPE_LIMITS.maxFragments) {
        return `The query defines more than ${QUERY_SHAPE_LIMITS.maxFragments} fragments.`;
      }
    }
  } catch {
    return null;
  }
  return null;
}

/** The refusal as a client sees it: a parse failure (400) with the reason. */
export function queryShapeError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
}

/** Express middleware in front of Apollo: refuses a POST body's or a GET's query whose shape is out of bounds. */
export function queryShapeMiddleware(req: Request, res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  const fromBody = body && typeof body === 'object' && 'query' in body ? (body as { query: unknown }).query : undefined;
  const query = typeof fromBody === 'string' ? fromBody : typeof req.query['query'] === 'string' ? req.query['query'] : null;
  const problem = query === null ? null : queryShapeProblem(query);
  if (!problem) return next();
  res.status(400).json({ errors: [{ message: problem, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] });
}

/** Subscriptions run over graphql-ws; over HTTP they are a client mistake with a clear answer, not a server error. */
export const subscriptionsOverWebSocketOnly: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation !== 'subscription') return;
        throw new GraphQLError('Subscriptions run over a WebSocket (the graphql-ws protocol on /graphql), not over HTTP.', {
          extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
        });
      },
    };
  },
};
