import { parseArgs } from 'node:util'
import { checkRepository } from '../analysis/repository.js'
import { ConfigError } from '../config/load.js'
import { failingFindings, type FailOn } from '../model/fail-on.js'
import type { Finding } from '../model/finding.js'
import type { CheckResult } from '../model/result.js'
import { MAX_FILE_BYTES, type RepoFiles } from '../project/files.js'
import { GitObjects } from '../project/git-objects.js'
import { isZeroOid, listPushedCommits, parsePushInput, type PushedCommit, type RefCommits } from '../project/git-push.js'
import { TreeJudge } from '../project/tree-judge.js'
import { renderFailure } from '../report/message.js'
import { renderText, useColor } from '../report/text.js'
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, type CliIo } from './io.js'
import { VERSION } from './version.js'

export const HOOK_HELP = `Usage: seedguard hook pre-push [remote] [url] [--fail-on <error|warning|never>]

Run by git as the pre-push hook (set it up with \`seedguard init\`). Reads git's input on stdin, one
\`<local ref> <local sha> <remote ref> <remote sha>\` line per pushed ref, and checks the tree of each
commit the push sends (each ref's tip and every commit the remote does not have yet, at most 100
per ref, newest first) as committed: uncommitted changes in the working tree count for nothing.

Exit codes: 0 push allowed, 1 a pushed commit seeds production (push blocked), 2 the push could not
be checked (blocked too). In a real emergency, \`git push --no-verify\` skips the hook.
`

/** the per-ref bound on new commits checked: a pushed import of a whole history must still finish */
const MAX_COMMITS_PER_REF = 100
const BYPASS = 'In a real emergency only, skip this check with `git push --no-verify`.'

/** What the hook needs beyond CliIo: git's input. Defaults to the process's stdin. */
export interface HookIo extends CliIo {
  stdin?: AsyncIterable<Buffer | string> & { isTTY?: boolean }
}

interface Verdict {
  result: CheckResult
  failing: Finding[]
  readLine(file: string, line: number): string | undefined
}

export async function hook(argv: string[], io: HookIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { 'fail-on': { type: 'string', default: 'error' }, help: { type: 'boolean', short: 'h' } } })
  } catch (error) {
    return usage(io, (error as Error).message)
  }
  const { values, positionals } = parsed
  if (values.help) return io.stdout.write(HOOK_HELP), EXIT_OK
  if (positionals[0] !== 'pre-push') return usage(io, positionals[0] === undefined ? 'which hook? (pre-push)' : `unknown hook \`${positionals[0]}\` (pre-push)`)
  const failOn = values['fail-on']
  if (failOn !== 'error' && failOn !== 'warning' && failOn !== 'never') return usage(io, '--fail-on must be error, warning or never')

  const stdin = io.stdin ?? process.stdin
  // by hand at a terminal there is no git input to wait for
  if (stdin.isTTY) return io.stderr.write('seedguard hook pre-push: no input from git (it reads `<local ref> <local sha> <remote ref> <remote sha>` lines on stdin); nothing checked\n'), EXIT_OK
  let refs
  try {
    refs = parsePushInput(await readAll(stdin)).filter((ref) => !isZeroOid(ref.localOid))
  } catch (error) {
    return blocked(io, `cannot read the push: ${oneLine(error)}`)
  }
  if (refs.length === 0) return EXIT_OK

  const objects = new GitObjects(io.cwd, MAX_FILE_BYTES)
  try {
    const judge = new TreeJudge(objects, (files) => judgeTree(io, files, failOn))
    const pushed = await Promise.all(refs.map((ref) => listPushedCommits(io.cwd, objects, ref, MAX_COMMITS_PER_REF)))
    return await checkPushed(io, pushed, (commit) => judge.check(commit.tree))
  } catch (error) {
    const where = error instanceof CommitError ? `${short(error.commit.oid)} (${error.ref}): ` : ''
    const cause = error instanceof CommitError ? error.cause : error
    const what = cause instanceof ConfigError ? cause.message : `cannot check this push: ${oneLine(cause)}`
    return blocked(io, where + what)
  } finally {
    objects.close()
  }
}

async function judgeTree(io: CliIo, files: RepoFiles, failOn: FailOn): Promise<Verdict> {
  // unlike an empty checkout, an empty commit tree was read in full from git: a commit that
  // deletes everything deploys nothing, so it passes, said once so that it is no silent green
  if (files.list().length === 0) io.stderr.write('seedguard: a pushed commit has no files; nothing in it can seed production\n')
  const { result, readLine } = await checkRepository({ dir: io.cwd, files, base: io.cwd })
  const { failure } = result
  // a broken config in the pushed commit blocks the push at its own line, like any config error
  if (failure) throw failure.span ? new ConfigError(failure.detail ?? '', failure.span) : new Error(renderFailure(failure))
  return { result, failing: failingFindings(result.findings, failOn), readLine }
}

class CommitError extends Error {
  constructor(
    readonly commit: PushedCommit,
    readonly ref: string,
    override readonly cause: unknown,
  ) {
    super((cause as Error).message)
  }
}

interface Pushed {
  commit: PushedCommit
  /** every pushed ref that sends this commit */
  refs: string[]
}

/** Checks every pushed commit once; commits with the same findings share one report. */
async function checkPushed(io: CliIo, pushed: RefCommits[], check: (commit: PushedCommit) => Promise<Verdict>): Promise<number> {
  const commits = new Map<string, Pushed>()
  for (const { ref, commits: sent, truncated, notCommit } of pushed) {
    // `git push origin main:release` sends refs/heads/main to refs/heads/release
    const label = ref.localRef === ref.remoteRef ? ref.localRef : `${ref.localRef} → ${ref.remoteRef}`
    if (notCommit) io.stderr.write(`seedguard: ${label} names no commit; nothing to check there\n`)
    if (truncated) io.stderr.write(`seedguard: ${label}: checked its newest ${sent.length} new commits; older ones were not checked\n`)
    for (const commit of sent) {
      const known = commits.get(commit.oid)
      if (known && !known.refs.includes(label)) known.refs.push(label)
      if (!known) commits.set(commit.oid, { commit, refs: [label] })
    }
  }
  const groups = new Map<string, { verdict: Verdict; commits: Pushed[] }>()
  for (const entry of commits.values()) {
    const verdict = await check(entry.commit).catch((error: unknown) => {
      throw new CommitError(entry.commit, entry.refs.join(', '), error)
    })
    if (verdict.failing.length === 0) continue
    const key = JSON.stringify(verdict.result.findings)
    const group = groups.get(key) ?? { verdict, commits: [] }
    group.commits.push(entry)
    groups.set(key, group)
  }
  if (groups.size === 0) return EXIT_OK
  const color = useColor(io.env, (io.stderr as { isTTY?: boolean }).isTTY === true)
  let bad = 0
  for (const { verdict, commits: same } of groups.values()) {
    const [first, ...rest] = same
    bad += same.length
    const more = rest.length === 0 ? '' : `, and ${count(rest.length, 'more pushed commit')} with the same findings (${rest.slice(0, 5).map((c) => short(c.commit.oid)).join(', ')}${rest.length > 5 ? ', …' : ''})`
    io.stderr.write(`\nseedguard: commit ${short(first!.commit.oid)} "${printable(first!.commit.subject)}" (${first!.refs.join(', ')})${more}:\n\n`)
    io.stderr.write(renderText(verdict.result, { color, readLine: verdict.readLine, toolVersion: VERSION }))
  }
  io.stderr.write(`\nseedguard: push blocked: ${bad} of ${count(commits.size, 'pushed commit')} would let a seed command reach production.\nFix it in a new commit (or amend), then push again. ${BYPASS}\n`)
  return EXIT_FINDINGS
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`
// a commit message is anyone's text: no terminal escapes from it
const printable = (text: string) => text.replace(/[\x00-\x1f\x7f-\x9f]/g, '?')

/** One line, no stack: the push is refused because it could not be checked. */
function blocked(io: CliIo, message: string): number {
  io.stderr.write(`seedguard: ${message}; push blocked (in a real emergency: git push --no-verify)\n`)
  return EXIT_ERROR
}

/** git's own complaint (`fatal: …`) rather than node's "Command failed: git …" preamble */
function oneLine(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr
  const text = (typeof stderr === 'string' || Buffer.isBuffer(stderr)) && String(stderr).trim() ? String(stderr) : (error as Error).message
  return text.trim().split('\n')[0]!.replace(/^fatal: /, '')
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`seedguard hook: ${message}\nRun \`seedguard hook --help\` for usage.\n`)
  return EXIT_ERROR
}

async function readAll(stdin: AsyncIterable<Buffer | string>): Promise<string> {
  let text = ''
  for await (const chunk of stdin) text += typeof chunk === 'string' ? chunk : chunk.toString('utf8')
  return text
}

const short = (oid: string) => oid.slice(0, 12)
