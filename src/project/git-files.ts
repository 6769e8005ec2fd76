import { dirnameOf, joinPath } from '../util/paths.js'
import { MAX_FILES, pastFileLimit, type RepoFiles, type UnlistedDirectory, type Unreadable } from './files.js'
import type { GitObjects } from './git-objects.js'

const SYMLINK = '120000'
const DIRECTORY = '40000'

/** A blob or symlink in a commit's tree; submodules (gitlinks) have no files in this repository. */
export interface TreeEntry {
  mode: string
  oid: string
}

/** path → entry, every blob and symlink of a commit's tree */
/** a tree's files; `unlisted`: the directories left unread when the listing stopped at its file limit */
export type TreeListing = ReadonlyMap<string, TreeEntry> & { readonly unlisted?: readonly string[]; readonly maxFiles?: number }

/** Blob texts by oid, shared by every commit of a push, or why one is not read (over the size cap, binary). */
export type BlobTexts = Map<string, string | Unreadable>

/** Parsed tree objects by oid: the commits of a push share most of their directories. */
export type TreeObjects = Map<string, readonly (TreeEntry & { name: string })[]>

// the same directories DiskFiles never lists: dependencies and VCS data hold no deploy path of ours
const IGNORED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', '.next', '.nuxt', '.turbo', '.yarn', 'coverage', '.venv', '__pycache__'])

/**
 * A tree's files, read through the push's one cat-file process a level at a time (what
 * `git ls-tree -r` prints, without a process per commit). Ignored directories are not descended.
 */
export async function listTree(objects: GitObjects, tree: string, known: TreeObjects, maxFiles = MAX_FILES): Promise<TreeListing> {
  const out = new Map<string, TreeEntry>()
  let level: { oid: string; prefix: string }[] = [{ oid: tree, prefix: '' }]
  while (level.length > 0 && out.size < maxFiles) {
    const wanted = [...new Set(level.map((t) => t.oid).filter((oid) => !known.has(oid)))]
    // a directory of many thousand entries is still one directory: no size cap on trees
    const read = await objects.readMany(wanted, Number.POSITIVE_INFINITY)
    wanted.forEach((oid, i) => {
      const object = read[i]
      if (object?.type !== 'tree' || !object.data) throw new Error(`cannot read tree ${oid}`)
      known.set(oid, readTreeObject(object.data, oid.length / 2))
    })
    const next: typeof level = []
    for (const { oid, prefix } of level) {
      for (const entry of known.get(oid)!) {
        const path = prefix + entry.name
        if (entry.mode === DIRECTORY) {
          if (!IGNORED_DIRECTORIES.has(entry.name)) next.push({ oid: entry.oid, prefix: `${path}/` })
        } else if (entry.mode !== '160000') out.set(path, { mode: entry.mode, oid: entry.oid })
      }
    }
    level = next
  }
  return Object.assign(out, { unlisted: level.map((t) => t.prefix.slice(0, -1)), maxFiles })
}

/** git's tree format: `<octal mode> SP <name> NUL <raw oid>` per entry */
function readTreeObject(data: Buffer, oidBytes: number): (TreeEntry & { name: string })[] {
  const entries: (TreeEntry & { name: string })[] = []
  let at = 0
  while (at < data.length) {
    const space = data.indexOf(0x20, at)
    const nul = data.indexOf(0, space + 1)
    if (space < 0 || nul < 0 || nul + 1 + oidBytes > data.length) throw new Error('malformed tree object')
    entries.push({ mode: data.toString('latin1', at, space), name: data.toString('utf8', space + 1, nul), oid: data.toString('hex', nul + 1, nul + 1 + oidBytes) })
    at = nul + 1 + oidBytes
  }
  return entries
}

/**
 * A commit's tree as the checker reads it, from git objects rather than the working tree. Blobs
 * come from a shared table filled ahead of time; a read of a blob not in it yet is recorded in
 * `missing` (and answered as unreadable) so the caller can fetch it and run the check again.
 */
export class GitTreeFiles implements RepoFiles {
  readonly missing = new Set<string>()
  /** every path read and the blob it led to ('' when none): what the result depends on besides list() */
  readonly reads = new Map<string, string>()
  private readonly paths: string[]
  private readonly links: boolean

  constructor(
    private readonly entries: TreeListing,
    private readonly blobs: BlobTexts,
  ) {
    this.paths = [...entries.keys()].sort()
    this.links = [...entries.values()].some((e) => e.mode === SYMLINK)
  }

  list(): readonly string[] {
    return this.paths
  }

  read(path: string): string | undefined {
    const text = this.load(path)
    return typeof text === 'string' ? text : undefined
  }

  whyUnreadable(path: string): Unreadable | undefined {
    const text = this.load(path)
    return typeof text === 'object' ? text : undefined
  }

  /** a tree that cannot be read refuses the push (listTree throws); past the file limit, what was not listed is said */
  unlisted(): readonly UnlistedDirectory[] {
    return (this.entries.unlisted ?? []).map((path) => ({ path, why: pastFileLimit(this.entries.maxFiles ?? MAX_FILES) }))
  }

  private load(path: string): string | Unreadable | undefined {
    const oid = this.resolve(path)
    this.reads.set(path, oid ?? '')
    if (oid === undefined) return undefined
    const text = this.blobs.get(oid)
    if (text === undefined) this.missing.add(oid)
    return text
  }

  /** The blob a path leads to, following symlinks inside the tree the way DiskFiles' realpath does. */
  resolve(path: string): string | undefined {
    let current = joinPath('.', path)
    for (let hops = 0; current !== undefined && current !== '.' && hops < 40; hops++) {
      const entry = this.entries.get(current)
      if (entry && entry.mode !== SYMLINK) return entry.oid
      if (!this.links) return undefined
      // the path itself is a link, or one of its directories is (`scripts -> tools`)
      const parts = current.split('/')
      let i = entry ? parts.length : 1
      while (i < parts.length && this.entries.get(parts.slice(0, i).join('/'))?.mode !== SYMLINK) i++
      const link = parts.slice(0, i).join('/')
      const target = this.linkTarget(link)
      if (target === undefined) return undefined
      const landed = joinPath(dirnameOf(link), target)
      current = landed === undefined ? undefined : joinPath(landed, parts.slice(i).join('/') || '.')
    }
    return undefined
  }

  private linkTarget(link: string): string | undefined {
    const entry = this.entries.get(link)
    if (entry?.mode !== SYMLINK) return undefined
    const target = this.blobs.get(entry.oid)
    if (target === undefined) this.missing.add(entry.oid)
    return typeof target === 'string' ? target : undefined
  }
}

// bulky kinds the checker opens only when a command names one (`node scripts/seed.js`, a
// prisma.config.ts): not fetched ahead, fetched on demand when a run asks for them
const ON_DEMAND = new Set(
  'js jsx mjs cjs ts tsx mts cts vue svelte astro css scss sass less html htm md mdx rst txt csv tsv xml svg map snap py rb go rs java kt kts scala php cs fs c h cc cpp hpp m swift dart ex exs erl lua r sql graphql gql proto ipynb png jpg jpeg gif webp avif ico bmp tif tiff psd pdf woff woff2 ttf otf eot mp3 mp4 wav ogg webm mov zip gz tgz bz2 xz 7z tar jar war wasm so dylib dll exe bin dat db sqlite lock lockb'.split(' '),
)
const LOCKFILES = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'composer.lock'])

/** Worth fetching before the first run: configs, manifests, scripts, and names that speak of seeding. */
export function isFetchedAhead(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1)
  if (LOCKFILES.has(name)) return false
  const dot = name.lastIndexOf('.')
  if (dot <= 0 || !ON_DEMAND.has(name.slice(dot + 1).toLowerCase())) return true
  return /seed|prisma|deploy|release/i.test(name)
}
