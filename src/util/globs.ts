import picomatch from 'picomatch'

/**
 * Whether a path matches any of the globs (from the repository root) and passes `accepts`. Tested as
 * plain regular expressions, without the per-call bookkeeping of picomatch's matcher: every source's
 * globs meet every file, and a large repository has tens of thousands of tests.
 */
export function globMatcher(globs: readonly string[], accepts?: (file: string) => boolean): (file: string) => boolean {
  const patterns = globs.map((glob) => picomatch.makeRe(glob, { dot: true }))
  return (file) => patterns.some((pattern) => pattern.test(file)) && (accepts?.(file) ?? true)
}
