import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { isAbsolute, join, relative } from 'node:path'
import { LineIndex } from '../util/line-index.js'

/** Files larger than this are not read: no deploy config is that big, and a crafted one must not stall us. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024

/** Why a file in the tree was not read: said at the file, never taken for "nothing there". */
export interface Unreadable {
  cause: 'permission' | 'size' | 'encoding' | 'link' | 'other'
  /** for the user: `permission denied`, `larger than the 2 MiB limit (3.0 MiB)` */
  message: string
}

/** A directory whose entries could not be listed: whatever it holds was not seen. */
export interface UnlistedDirectory {
  path: string
  why: Unreadable
}

/**
 * The repository tree as the checker sees it. The CLI reads the working tree; the pre-push hook
 * reads a commit's tree from git objects through the same interface.
 */
export interface RepoFiles {
  /** every file path, repository-relative with '/' */
  list(): readonly string[]
  /** undefined when missing or unreadable (see whyUnreadable) */
  read(path: string): string | undefined
  /** why a path that is in the tree cannot be read; undefined when it reads, or is not there */
  whyUnreadable(path: string): Unreadable | undefined
  /** the directories list() could not look into */
  unlisted(): readonly UnlistedDirectory[]
}

/** what a finding at the file says */
export function cannotBeRead(why: Unreadable): string {
  return `cannot be read: ${why.message}`
}

const MIB = 1024 * 1024

export function tooLarge(size: number): Unreadable {
  const mib = (bytes: number) => `${Number.isInteger(bytes / MIB) ? bytes / MIB : (bytes / MIB).toFixed(1)} MiB`
  return { cause: 'size', message: `larger than the ${mib(MAX_FILE_BYTES)} limit (${mib(size)})` }
}

// the byte order mark is kept here and read past in FileCache, the one place every parser reads through
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** A file's bytes as text; a binary or non-UTF-8 file is not guessed at (a misread guard would pass). */
export function textOf(bytes: Uint8Array): string | Unreadable {
  if (bytes.includes(0)) return { cause: 'encoding', message: 'binary, not text' }
  try {
    return utf8.decode(bytes)
  } catch {
    return { cause: 'encoding', message: 'not UTF-8 text' }
  }
}

function fromError(error: unknown): Unreadable {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EACCES' || code === 'EPERM') return { cause: 'permission', message: 'permission denied' }
  return { cause: 'other', message: code ?? (error as Error).message.split('\n')[0] ?? 'unknown error' }
}

// dependencies and VCS data never hold a deploy path of the repository's own; `dist/` or
// `build/` may (a `build/deploy.sh`), so they are read
const IGNORED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', '.next', '.nuxt', '.turbo', '.yarn', 'coverage', '.venv', '__pycache__'])
/** A tree larger than this is not a repository we can judge file by file; the rest is left unread, and said so. */
export const MAX_FILES = 200_000

/** why a directory the listing did not reach was not seen */
export function pastFileLimit(maxFiles: number): Unreadable {
  return { cause: 'size', message: `not listed: the check stops listing after ${maxFiles.toLocaleString('en')} files` }
}

export class DiskFiles implements RepoFiles {
  private paths: string[] | undefined
  private listed: Set<string> | undefined
  private readonly unlistedDirs: UnlistedDirectory[] = []
  /** the walk met a symbolic link: reads must resolve where paths really land */
  private hasLinks = false
  /** every file outside the skipped directories, when the walk did not stop at MAX_FILES */
  private complete: Set<string> | undefined
  private readonly realRoot: string

  constructor(
    readonly root: string,
    private readonly maxFiles = MAX_FILES,
  ) {
    this.realRoot = realpathSync.native(root)
  }

  list(): readonly string[] {
    this.paths ??= this.walk()
    return this.paths
  }

  unlisted(): readonly UnlistedDirectory[] {
    this.list()
    return this.unlistedDirs
  }

  /** A plain directory walk: fast-glob's start-up alone cost more than the whole check of a small repo. */
  private walk(): string[] {
    const out: string[] = []
    const pending = ['']
    while (pending.length > 0 && out.length < this.maxFiles) {
      const dir = pending.pop()!
      let entries
      try {
        entries = readdirSync(dir === '' ? this.root : join(this.root, dir), { withFileTypes: true })
      } catch (error) {
        this.unlistedDirs.push({ path: dir === '' ? '.' : dir, why: fromError(error) })
        continue
      }
      for (const entry of entries) {
        const path = dir === '' ? entry.name : `${dir}/${entry.name}`
        // symlinked directories are not followed: they may leave the repository or loop
        if (entry.isDirectory()) {
          if (!IGNORED_DIRECTORIES.has(entry.name)) pending.push(path)
        } else if (entry.isFile() || entry.isSymbolicLink()) {
          if (entry.isSymbolicLink()) this.hasLinks = true
          out.push(path)
        }
      }
    }
    if (pending.length === 0) this.complete = new Set(out)
    // what the walk did not reach was not seen: said per directory, never passed over in silence
    for (const dir of pending) this.unlistedDirs.push({ path: dir, why: pastFileLimit(this.maxFiles) })
    return out.sort()
  }

  read(path: string): string | undefined {
    const text = this.load(path)
    return typeof text === 'string' ? text : undefined
  }

  whyUnreadable(path: string): Unreadable | undefined {
    const text = this.load(path)
    return typeof text === 'object' ? text : undefined
  }

  private load(path: string): string | Unreadable | undefined {
    const segments = path.split('/')
    // a walked tree without a single link knows every file outside skipped directories: a path it
    // did not list is not there, which readers ask often (a Procfile beside each package.json),
    // and each miss on disk costs a failed stat and its exception
    if (this.complete && !this.hasLinks && !this.complete.has(path) && !segments.some((s) => s === '' || s === '.' || s === '..' || IGNORED_DIRECTORIES.has(s))) return undefined
    const full = join(this.root, path)
    try {
      // any component may be a link (`scripts -> ../outside`): judge where the whole path lands;
      // a walked tree without a single link (outside skipped directories) needs no such check
      const linkFree = this.paths !== undefined && !this.hasLinks && !IGNORED_DIRECTORIES.has(segments[0]!) && !segments.includes('..')
      const target = linkFree ? full : realpathSync.native(full)
      const inside = relative(this.realRoot, target)
      if (inside.startsWith('..') || isAbsolute(inside) || inside === '') return this.isListed(path) ? { cause: 'link', message: 'a symbolic link leading outside the repository' } : undefined
      const stat = statSync(target)
      if (!stat.isFile()) return undefined
      if (stat.size > MAX_FILE_BYTES) return tooLarge(stat.size)
      return textOf(readFileSync(target))
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : fromError(error)
    }
  }

  private isListed(path: string): boolean {
    this.listed ??= new Set(this.list())
    return this.listed.has(path)
  }
}

/** Line indexes per file, built once: every reader and reporter asks for the same few files. */
export class FileCache {
  private readonly indexes = new Map<string, LineIndex | null>()

  constructor(readonly files: RepoFiles) {}

  get(path: string): LineIndex | undefined {
    let index = this.indexes.get(path)
    if (index === undefined) {
      const text = this.files.read(path)
      // editors and npm read past a UTF-8 byte order mark; every parser here would choke on it
      index = text === undefined ? null : new LineIndex(path, text.startsWith('\uFEFF') ? text.slice(1) : text)
      this.indexes.set(path, index)
    }
    return index ?? undefined
  }

  /** why a file in the tree cannot be read; undefined when it reads or is not there */
  unreadable(path: string): Unreadable | undefined {
    return this.get(path) === undefined ? this.files.whyUnreadable(path) : undefined
  }

  exists(path: string): boolean {
    return this.get(path) !== undefined
  }
}

/** A tree held in memory: a commit's files read from git objects, or a test's table of files. */
export class MemoryFiles implements RepoFiles {
  private readonly paths: string[]

  constructor(private readonly contents: ReadonlyMap<string, string>) {
    this.paths = [...contents.keys()].sort()
  }

  static of(files: Record<string, string>): MemoryFiles {
    return new MemoryFiles(new Map(Object.entries(files)))
  }

  list(): readonly string[] {
    return this.paths
  }

  read(path: string): string | undefined {
    return this.whyUnreadable(path) ? undefined : this.contents.get(path)
  }

  whyUnreadable(path: string): Unreadable | undefined {
    const text = this.contents.get(path)
    const size = text === undefined ? 0 : Buffer.byteLength(text)
    return size > MAX_FILE_BYTES ? tooLarge(size) : undefined
  }

  unlisted(): readonly UnlistedDirectory[] {
    return []
  }
}
