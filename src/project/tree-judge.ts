import { MAX_FILE_BYTES, textOf, tooLarge, type RepoFiles } from './files.js'
import { GitTreeFiles, isFetchedAhead, listTree, type BlobTexts, type TreeObjects } from './git-files.js'
import type { GitObjects } from './git-objects.js'

interface Judged<T> {
  /** the tree's sorted path list: the result depends on which files exist */
  paths: readonly string[]
  /** path → blob oid of every read the final run made */
  reads: ReadonlyMap<string, string>
  value: T
}

/**
 * Runs a synchronous check (`judge`) over commit trees read from git objects. The check asks for
 * files one by one and cannot wait for git, so a run that reads a blob not fetched yet is thrown
 * away, the blobs it asked for are fetched, and it runs again: the result is exactly that of a run
 * with every file at hand, while only the files the check opens are read. Each round fetches at
 * least one new blob of a finite tree, so the loop ends.
 *
 * A push of many commits mostly re-checks the same files: a commit whose path list and every file
 * the previous run read are unchanged gets that run's result without running again.
 */
export class TreeJudge<T> {
  private readonly blobs: BlobTexts = new Map()
  private readonly trees: TreeObjects = new Map()
  private readonly byTree = new Map<string, T>()
  private readonly judged: Judged<T>[] = []
  /** how many times `judge` ran, for tests and the benchmark */
  runs = 0

  constructor(
    private readonly objects: GitObjects,
    private readonly judge: (files: RepoFiles) => Promise<T>,
  ) {}

  async check(tree: string): Promise<T> {
    const known = this.byTree.get(tree)
    if (known !== undefined) return known
    const entries = await listTree(this.objects, tree, this.trees)
    const paths = new GitTreeFiles(entries, this.blobs).list()
    const same = this.judged.find((j) => samePaths(j.paths, paths) && sameReads(j.reads, new GitTreeFiles(entries, this.blobs)))
    if (same) {
      this.byTree.set(tree, same.value)
      return same.value
    }
    await this.fetch([...entries].filter(([path]) => isFetchedAhead(path)).map(([, e]) => e.oid))
    for (;;) {
      const files = new GitTreeFiles(entries, this.blobs)
      let value: T
      try {
        this.runs++
        value = await this.judge(files)
      } catch (error) {
        // a config the run could not see whole may look broken: only a complete run may fail
        if (files.missing.size === 0) throw error
        await this.fetch([...files.missing])
        continue
      }
      if (files.missing.size > 0) {
        await this.fetch([...files.missing])
        continue
      }
      this.judged.push({ paths, reads: files.reads, value })
      this.byTree.set(tree, value)
      return value
    }
  }

  private async fetch(oids: string[]): Promise<void> {
    const wanted = [...new Set(oids)].filter((oid) => !this.blobs.has(oid))
    const objects = await this.objects.readMany(wanted)
    wanted.forEach((oid, i) => {
      const object = objects[i]
      if (object?.data && object.size <= MAX_FILE_BYTES) this.blobs.set(oid, textOf(object.data))
      else this.blobs.set(oid, object ? tooLarge(object.size) : { cause: 'other', message: `blob ${oid} is missing from the repository` })
    })
  }
}

function samePaths(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((path, i) => path === b[i])
}

function sameReads(reads: ReadonlyMap<string, string>, files: GitTreeFiles): boolean {
  for (const [path, oid] of reads) if ((files.resolve(path) ?? '') !== oid) return false
  return true
}
