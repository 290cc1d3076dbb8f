/**
 * The rule every update input follows (enforced by `parseUpdate` in common/errors/parse-input.ts),
 * appended to each update input's description so the schema says it.
 */
export const UPDATE_RULE =
  'Changes only the fields it is given: a field left out stays as it is; a nullable field given as null (or as empty text) is cleared.';

/** The description of every update input's `expectedVersion` (optimistic concurrency, common/db/versioned.ts). */
export const EXPECTED_VERSION_RULE =
  'The `version` of the object as the client read it. If the object changed since, the update answers `VersionConflictError` (with the current version) and writes nothing. Omitted: no check — the last write wins; clients that show a form should always send it.';
