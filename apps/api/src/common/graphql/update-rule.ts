/**
 * The rule every update input follows (enforced by `parseUpdate` in common/errors/parse-input.ts),
 * appended to each update input's description so the schema says it.
 */
export const UPDATE_RULE =
  'Changes only the fields it is given: a field left out stays as it is; a nullable field given as null (or as empty text) is cleared.';
