// An image known by its name across files: the name a build tags it with (`docker build -t`, a push
// action's inputs, compose `image:` beside `build:`) and the name a consumer runs (compose `image:`,
// a Kubernetes container's `image:`).
// https://docs.docker.com/reference/cli/docker/image/tag/#description : `[HOST[:PORT]/]NAMESPACE/REPOSITORY[:TAG]`;
// without a host the registry is Docker Hub (`docker.io`), and a name without a namespace is in `library`.

/** A name with every part read from a variable nobody here sets kept as `*` (any text). */
export interface ImageName {
  /** registry host and path, without tag or digest */
  repository: string
  tag?: string
  /** as written, for messages */
  written: string
}

// `${{ expr }}` (GitHub), `${VAR}`, `${VAR:-default}` and `$VAR` (shell, compose): set by whoever runs it
const VARIABLE = /\$\{\{[^}]*\}\}|\$\{(\w+)[^}]*\}|\$(\w+)/g

/**
 * The name `written` stands for, with the variables `env` sets put in. A name whose last path
 * component is only variables (`$IMAGE`, `ghcr.io/acme/${{ matrix.app }}`) could be any image: none.
 */
export function imageName(written: string, env: Record<string, string> = {}): ImageName | undefined {
  const text = written.trim().replace(VARIABLE, (_whole, braced?: string, bare?: string) => env[braced ?? bare ?? ''] ?? '*').replace(/\*+/g, '*').toLowerCase()
  if (text === '' || /\s/.test(text)) return undefined
  const [named = ''] = text.split('@')
  // the tag follows the last `:` after the last `/` (a `:` before it is a registry port)
  const colon = named.lastIndexOf(':')
  const tagged = colon > named.lastIndexOf('/')
  const path = tagged ? named.slice(0, colon) : named
  const last = path.slice(path.lastIndexOf('/') + 1)
  if (!/[a-z0-9]/.test(last)) return undefined
  // a tag left blank (a chart's `app:{{ .Values.tag }}` with its template blanked) is any tag
  return { repository: onRegistry(path), ...(tagged && { tag: named.slice(colon + 1) || '*' }), written: written.trim() }
}

function onRegistry(path: string): string {
  const [first = '', ...rest] = path.split('/')
  if (first.includes('*')) return path
  if (rest.length === 0) return `docker.io/library/${first}`
  if (first === 'index.docker.io') return `docker.io/${rest.join('/')}`
  return /[.:]/.test(first) || first === 'localhost' ? path : `docker.io/${path}`
}

/**
 * Whether a build's name and a consumer's name can be the same image. Tags match loosely: an image
 * is pushed under several tags (`latest`, the commit, the version) and pulled under any, so only two
 * written tags that differ, neither of them `latest`, tell two images apart (`acme/shop:web`, `acme/shop:worker`).
 */
export function sameImage(a: ImageName, b: ImageName): boolean {
  if (!overlaps(a.repository, b.repository)) return false
  if (a.tag === undefined || b.tag === undefined || a.tag === 'latest' || b.tag === 'latest') return true
  return overlaps(a.tag, b.tag)
}

/** whether two texts with `*` wildcards can both be one text */
function overlaps(a: string, b: string): boolean {
  const memo = new Map<number, boolean>()
  const at = (i: number, j: number): boolean => {
    const key = i * (b.length + 1) + j
    const known = memo.get(key)
    if (known !== undefined) return known
    let result: boolean
    if (i === a.length && j === b.length) result = true
    else if (a[i] === '*') result = at(i + 1, j) || (j < b.length && at(i, j + 1))
    else if (b[j] === '*') result = at(i, j + 1) || (i < a.length && at(i + 1, j))
    else result = i < a.length && j < b.length && a[i] === b[j] && at(i + 1, j + 1)
    memo.set(key, result)
    return result
  }
  return at(0, 0)
}
