// Shared by server and browser: input bounds of the filters.
export const MAX_CEL_LENGTH = 2_000
