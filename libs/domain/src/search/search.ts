/**
 * The longest search text a list or picker takes: the API refuses longer ones before they reach
 * an ILIKE over every row, and the web's search inputs stop there.
 */
export const MAX_SEARCH_LENGTH = 200;
