import { describeMutationMatrix, mutationsOfPart } from '../testing/access-matrix-suite.js';

/**
 * Issue 15's proof, mutations (part 1 of 2; the other part takes every other operation of the
 * sorted list): every Mutation field of the schema as every role of DESIGN.md §3 — on its own
 * objects, and with every ID argument or input field set to each object the role may not see and to
 * a random id: the same answer as the random id's, nothing foreign in it, and no write when refused
 * (a checksum of every table after each call). What a call legitimately changed is put back before
 * the next one. Queries: access-matrix.queries.int-spec.ts; machinery: src/testing/operation-matrix.ts.
 */
describeMutationMatrix(await mutationsOfPart(0, 2));
