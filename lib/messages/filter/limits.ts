// Shared by server and browser: input bounds of the filters.
export const MAX_CEL_LENGTH = 2_000
/** Comprehensions (all, exists, map, filter…) nested deeper than this multiply into billions of steps per message. */
export const MAX_CEL_COMPREHENSION_NESTING = 2
