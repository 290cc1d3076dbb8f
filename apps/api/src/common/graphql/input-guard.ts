import { GraphQLError, Kind, visit } from 'graphql';
import type { DocumentNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Refuses, before any work starts, input that PostgreSQL or the resolvers cannot take: text with a
 * NUL character or a lone UTF-16 surrogate (PostgreSQL refuses the first, UTF-8 cannot encode the
 * second), and variables nested deeper than any input of the schema (a 20,000-level JSON value
 * would overflow the stack in coercion). One check at the edge, for every operation over HTTP and
 * WebSocket, so no text input can turn into an internal error deep in a service.
 */

/** Deeper than any input object of the schema (a JSON preference value included) will ever be. */
export const MAX_INPUT_DEPTH = 32;

const LONE_SURROGATE = /\p{Cs}/u;

/** Why a text cannot be stored, or null when it can. */
export function unstorableTextReason(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (\\0), which text cannot hold';
  if (LONE_SURROGATE.test(text)) return 'contains a broken character (half of a UTF-16 surrogate pair)';
  return null;
}

export interface InputProblem {
  /** where in the input, e.g. `input.name` or `filter.search` */
  field: string;
  message: string;
}

/** The first problem of a JSON value (variables, a query parameter), with its path. */
export function inputProblem(value: unknown, path: string, depth = 0): InputProblem | null {
  if (depth > MAX_INPUT_DEPTH) return { field: path, message: `The input at ${path} is nested more than ${MAX_INPUT_DEPTH} levels deep.` };
  if (typeof value === 'string') {
    const reason = unstorableTextReason(value);
    return reason ? { field: path, message: `The text at ${path} ${reason}. Remove it and try again.` } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const problem = inputProblem(item, `${path}.${index}`, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyReason = unstorableTextReason(key);
      if (keyReason) return { field: path, message: `A key at ${path} ${keyReason}.` };
      const problem = inputProblem(item, path ? `${path}.${key}` : key, depth + 1);
      if (problem) return problem;
    }
  }
  return null;
}

/**
 * The problems of a document's string literals, by document: Apollo and graphql-ws hand the same parsed
 * document to every request with the same text, so each is walked once (issue 12).
 */
const literalProblems = new WeakMap<DocumentNode, readonly InputProblem[]>();

function literalProblemsOf(document: DocumentNode): readonly InputProblem[] {
  let problems = literalProblems.get(document);
  if (problems === undefined) {
    const found: InputProblem[] = [];
    visit(document, {
      [Kind.STRING](node) {
        const reason = unstorableTextReason(node.value);
        if (reason) found.push({ field: 'query', message: `A text in the query ${reason}. Remove it and try again.` });
      },
    });
    problems = found;
    literalProblems.set(document, problems);
  }
  return problems;
}

/** The problems of an operation's variables and of the string literals in its document. */
export function operationInputProblems(document: DocumentNode, variables: Record<string, unknown> | null | undefined): InputProblem[] {
  const problems: InputProblem[] = [];
  const fromVariables = inputProblem(variables ?? {}, '');
  if (fromVariables) problems.push(fromVariables);
  problems.push(...literalProblemsOf(document));
  return problems;
}

/** A problem as the GraphQL error a client receives (400, BAD_USER_INPUT, naming the field). */
export function inputProblemError(problem: InputProblem): GraphQLError {
  return new GraphQLError(problem.message, { extensions: { code: 'BAD_USER_INPUT', field: problem.field, http: { status: 400 } } });
}

/** The Apollo plugin of the check: runs once the operation is parsed and validated, before execution. */
export const inputGuardPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, request }) {
        const [problem] = operationInputProblems(document, request.variables);
        if (problem) throw inputProblemError(problem);
      },
    };
  },
};
