import { spawn, type ChildProcessByStdio } from 'node:child_process'
import type { Readable, Writable } from 'node:stream'

/** One object as `git cat-file --batch` returns it; `data` is absent when the object is over the size cap. */
export interface GitObject {
  oid: string
  type: string
  size: number
  data: Buffer | undefined
}

interface Pending {
  maxBytes: number
  resolve(object: GitObject | undefined): void
  reject(error: Error): void
}

interface Body {
  pending: Pending
  oid: string
  type: string
  size: number
  /** bytes still to come, the LF after the contents included */
  remaining: number
  chunks: Buffer[] | undefined
}

/**
 * One `git cat-file --batch` process for a whole push: every commit and blob the hook reads goes
 * through it, so a push pays for one process start however many commits and files it holds.
 * Requests are answered in order, so many can be in flight at once.
 */
export class GitObjects {
  private readonly child: ChildProcessByStdio<Writable, Readable, Readable>
  private readonly queue: Pending[] = []
  private partial: Buffer = Buffer.alloc(0)
  private body: Body | undefined
  private failure: Error | undefined
  private stderr = ''

  /** `maxBytes`: larger objects are read past, not kept (see readMany to lift it for trees) */
  constructor(
    cwd: string,
    private readonly maxBytes: number,
  ) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] })
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk))
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')))
    // ENOENT (no git), or EPIPE when git quits early: the close handler says why
    this.child.on('error', (error) => this.fail(/ENOENT/.test(error.message) ? new Error('git is not installed or not on PATH') : error))
    this.child.stdin.on('error', () => {})
    this.child.on('close', (code) => this.fail(new Error(this.stderr.trim().split('\n')[0] || `git cat-file exited with code ${code}`)))
  }

  /** Objects by name (an oid, or a revision such as `<oid>^{commit}`); undefined: no such object. */
  readMany(names: readonly string[], maxBytes = this.maxBytes): Promise<(GitObject | undefined)[]> {
    if (names.length === 0) return Promise.resolve([])
    const bad = names.find((name) => /[\n\r]/.test(name) || name === '')
    if (bad !== undefined) return Promise.reject(new Error(`not an object name: ${JSON.stringify(bad)}`))
    if (this.failure) return Promise.reject(this.failure)
    const answers = names.map(() => new Promise<GitObject | undefined>((resolve, reject) => this.queue.push({ maxBytes, resolve, reject })))
    this.child.stdin.write(names.join('\n') + '\n')
    return Promise.all(answers)
  }

  async read(name: string): Promise<GitObject | undefined> {
    return (await this.readMany([name]))[0]
  }

  close(): void {
    this.failure ??= new Error('git cat-file was closed')
    this.child.stdin.end()
  }

  private receive(chunk: Buffer): void {
    const data = this.partial.length > 0 ? Buffer.concat([this.partial, chunk]) : chunk
    let at = 0
    while (at < data.length) {
      if (this.body) {
        const take = Math.min(this.body.remaining, data.length - at)
        // an oversized blob streams past without being kept: a crafted 1 GB file must not fill memory
        this.body.chunks?.push(data.subarray(at, at + take))
        at += take
        this.body.remaining -= take
        if (this.body.remaining === 0) this.finish(this.body)
        continue
      }
      const end = data.indexOf(10, at)
      if (end < 0) break
      const header = data.toString('utf8', at, end).split(' ')
      at = end + 1
      const pending = this.queue.shift()
      if (!pending) return this.fail(new Error('git cat-file answered an unasked question'))
      // `<name> missing` or `<name> ambiguous`
      if (header.length !== 3) {
        pending.resolve(undefined)
        continue
      }
      const size = Number(header[2])
      this.body = { pending, oid: header[0]!, type: header[1]!, size, remaining: size + 1, chunks: size <= pending.maxBytes ? [] : undefined }
    }
    this.partial = data.subarray(at)
  }

  private finish(body: Body): void {
    this.body = undefined
    const data = body.chunks && Buffer.concat(body.chunks).subarray(0, body.size)
    body.pending.resolve({ oid: body.oid, type: body.type, size: body.size, data })
  }

  private fail(error: Error): void {
    this.failure ??= error
    if (this.body) this.body.pending.reject(this.failure)
    this.body = undefined
    for (const pending of this.queue.splice(0)) pending.reject(this.failure)
  }
}
