import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { GitObject, GitObjects } from './git-objects.js'

const run = promisify(execFile)

/** One line of git's pre-push input (githooks(5)): `<local ref> SP <local oid> SP <remote ref> SP <remote oid>`. */
export interface PushedRef {
  localRef: string
  localOid: string
  remoteRef: string
  remoteOid: string
}

export interface PushedCommit {
  oid: string
  tree: string
  subject: string
  /** first parent first, as git records them */
  parents: string[]
}

export interface RefCommits {
  ref: PushedRef
  /** the tip first, then the other new commits, newest first */
  commits: PushedCommit[]
  /** more new commits than the bound: the oldest of them are not listed */
  truncated: boolean
  /** the ref names no commit (a tag of a tree or a blob): nothing to check */
  notCommit: boolean
}

const OID = /^([0-9a-f]{40}|[0-9a-f]{64})$/

/** SHA-1 or SHA-256 zeros: a deleted ref (local side) or a ref the remote does not have (remote side). */
export function isZeroOid(oid: string): boolean {
  return /^(0{40}|0{64})$/.test(oid)
}

export function parsePushInput(text: string): PushedRef[] {
  const refs: PushedRef[] = []
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim()
    if (line === '') return
    const [localRef, localOid, remoteRef, remoteOid, ...rest] = line.split(/ +/)
    if (rest.length > 0 || !localRef || !remoteRef || !OID.test(localOid ?? '') || !OID.test(remoteOid ?? '')) {
      throw new Error(`line ${i + 1} of the pre-push input is not \`<local ref> <local sha> <remote ref> <remote sha>\`: ${JSON.stringify(line.slice(0, 200))}`)
    }
    refs.push({ localRef, localOid: localOid!, remoteRef, remoteOid: remoteOid! })
  })
  return refs
}

/**
 * The push as pre-commit hands it to a `stages: [pre-push]` hook: pre-commit reads git's lines
 * itself and passes only the first ref that sends commits, in variables, with no stdin
 * (https://pre-commit.com/#pre-commit-during-push; pre_commit/commands/hook_impl.py
 * `_pre_push_ns`). PRE_COMMIT_FROM_REF is the remote's tip, or the parent of the oldest new
 * commit; a push of a whole history down to its root comes with the branches only. A manual
 * `pre-commit run --from-ref A --to-ref B` sets the two refs, which may be any revision names;
 * a run with neither (`--all-files`) checks HEAD. Undefined: not run by pre-commit.
 */
export function readPreCommitPush(env: Readonly<Record<string, string | undefined>>): PushedRef[] | undefined {
  if (env.PRE_COMMIT !== '1') return undefined
  const { PRE_COMMIT_FROM_REF: from, PRE_COMMIT_TO_REF: to, PRE_COMMIT_LOCAL_BRANCH: localBranch, PRE_COMMIT_REMOTE_BRANCH: remoteBranch } = env
  const localOid = to || localBranch || 'HEAD'
  const localRef = localBranch || localOid
  return [{ localRef, localOid, remoteRef: remoteBranch || localRef, remoteOid: to && from ? from : ZERO_OID }]
}

const ZERO_OID = '0'.repeat(40)

/**
 * What one ref of a push sends: its tip, and every commit the remote does not have yet, at most
 * `limit`. When the remote's old tip is known here that is `git rev-list <local> ^<remote>`; for a
 * new ref (or an old tip never fetched) it is the commits on no remote-tracking ref.
 */
export async function listPushedCommits(cwd: string, objects: GitObjects, ref: PushedRef, limit: number): Promise<RefCommits> {
  const [tip, local, remote] = await objects.readMany([`${ref.localOid}^{commit}`, ref.localOid, ...(isZeroOid(ref.remoteOid) ? [] : [`${ref.remoteOid}^{commit}`])])
  // git only pushes what it has: a missing object means a broken repository, not a clean push
  if (!local) throw new Error(`${ref.localRef} points at ${ref.localOid}, which is not in this repository`)
  if (tip?.type !== 'commit') return { ref, commits: [], truncated: false, notCommit: true }
  const remoteOid = remote?.type === 'commit' ? remote.oid : undefined
  const linear = remoteOid === undefined ? undefined : await walkToRemote(objects, tip, remoteOid, limit)
  if (linear) return { ref, commits: [tip, ...linear].map((o) => readCommit(o)), truncated: false, notCommit: false }
  const range = remoteOid !== undefined ? [tip.oid, `^${remoteOid}`] : [tip.oid, '--not', '--remotes']
  const { stdout } = await run('git', ['rev-list', `--max-count=${limit + 1}`, ...range, '--'], { cwd, maxBuffer: 64 * 1024 * 1024 })
  const found = stdout.split('\n').filter((oid) => oid !== '' && oid !== tip.oid)
  const others = found.slice(0, Math.max(0, limit - 1))
  const objectsOf = await objects.readMany(others)
  return {
    ref,
    commits: [readCommit(tip), ...objectsOf.map((o, i) => readCommit(o, others[i]))],
    truncated: found.length > others.length,
    notCommit: false,
  }
}

/**
 * The usual push, a few commits on top of the remote's tip, costs no `git rev-list` process: a
 * chain of single-parent commits from the tip down to the remote's tip is exactly that range.
 * Anything else (a merge, a force push, a long chain) is left to rev-list: undefined.
 */
async function walkToRemote(objects: GitObjects, tip: GitObject, remoteOid: string, limit: number): Promise<GitObject[] | undefined> {
  const chain: GitObject[] = []
  let current = tip
  while (current.oid !== remoteOid) {
    const text = current.data?.toString('latin1') ?? ''
    // parents are named in the header only: a message line may say anything
    const header = text.indexOf('\n\n')
    const parents = [...text.slice(0, header < 0 ? undefined : header).matchAll(/^parent ([0-9a-f]+)$/gm)]
    if (parents.length !== 1 || chain.length + 1 >= limit) return undefined
    const parent = await objects.read(parents[0]![1]!)
    if (parent?.type !== 'commit') return undefined
    current = parent
    if (current.oid !== remoteOid) chain.push(current)
  }
  return chain
}

/** A commit the push does not send (the remote's old tip, say); undefined when this repository lacks it (a shallow clone). */
export async function readOtherCommit(objects: GitObjects, oid: string): Promise<PushedCommit | undefined> {
  const object = await objects.read(oid)
  return object?.type === 'commit' ? readCommit(object) : undefined
}

function readCommit(object: GitObject | undefined, name?: string): PushedCommit {
  const text = object?.type === 'commit' ? object.data?.toString('utf8') : undefined
  const body = text?.indexOf('\n\n') ?? -1
  // tree and parents are named in the header only: a message line may say anything
  const header = text?.slice(0, body < 0 ? undefined : body)
  const tree = header && /^tree ([0-9a-f]+)$/m.exec(header)?.[1]
  if (!object || !text || !header || !tree) throw new Error(`cannot read commit ${object?.oid ?? name}`)
  const subject = body < 0 ? '' : (text.slice(body + 2).split('\n')[0] ?? '')
  return { oid: object.oid, tree, subject, parents: [...header.matchAll(/^parent ([0-9a-f]+)$/gm)].map((m) => m[1]!) }
}
