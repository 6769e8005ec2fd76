/** GitHub rejects a step summary over 1 MiB; the table stops short of it with room to spare. */
export const SUMMARY_MAX_BYTES = 1024 * 1024 - 16 * 1024
/** A comment body or check run summary holds 65,536 characters; bytes never undercount them. */
export const COMMENT_MAX_BYTES = 60_000
