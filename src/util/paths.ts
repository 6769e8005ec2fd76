/** Repository-relative directory of a repository-relative file path ('.' at the root). */
export function dirnameOf(file: string): string {
  const i = file.lastIndexOf('/')
  return i < 0 ? '.' : file.slice(0, i)
}

/** `dir`, then each directory above it up to the root ('.'): where tools that search upwards look */
export function* selfAndAncestors(dir: string): Generator<string> {
  for (let current: string | undefined = dir; current !== undefined; current = current === '.' ? undefined : dirnameOf(current)) yield current
}

/**
 * The value a CI's checkout-directory variable (`$GITHUB_WORKSPACE`, `$CI_PROJECT_DIR`, Jenkins'
 * `$WORKSPACE`) stands for: the repository's root, wherever the command runs. An absolute path no
 * real directory has, so it survives being expanded into a command line and read again as shell.
 */
export const CHECKOUT_ROOT = '/@checkout'

/**
 * Joins repository-relative paths, normalising `.` and `..`. Absolute paths and paths that leave
 * the repository are not ours to read: undefined; a path under `CHECKOUT_ROOT` is the repository's.
 */
export function joinPath(dir: string, path: string): string | undefined {
  if (path === CHECKOUT_ROOT || path.startsWith(`${CHECKOUT_ROOT}/`)) return joinPath('.', path.slice(CHECKOUT_ROOT.length).replace(/^\/+/, ''))
  if (path.startsWith('/') || path.startsWith('~') || path === '-') return undefined
  const parts = dir === '.' || dir === '' ? [] : dir.split('/')
  for (const piece of path.split('/')) {
    if (piece === '' || piece === '.') continue
    if (piece === '..') {
      if (parts.length === 0) return undefined
      parts.pop()
    } else parts.push(piece)
  }
  return parts.length === 0 ? '.' : parts.join('/')
}

export function isWithin(dir: string, file: string): boolean {
  return dir === '.' || file === dir || file.startsWith(dir + '/')
}

/** the last segment of a repository path */
export function basenameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

/** `file` named from `dir` (both repository-relative), with `..` where it lies outside `dir` */
export function relativePath(dir: string, file: string): string {
  const from = dir === '.' ? [] : dir.split('/')
  const to = file.split('/')
  let common = 0
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/')
}
