import { parseArgs } from 'node:util'
import { checkRepository } from '../analysis/repository.js'
import { ConfigError } from '../config/load.js'
import { failingFindings, type FailOn } from '../model/fail-on.js'
import type { Finding } from '../model/finding.js'
import type { CheckResult } from '../model/result.js'
import { MAX_FILE_BYTES, type RepoFiles } from '../project/files.js'
import { GitObjects } from '../project/git-objects.js'
import { findingKey, traceOrigins, type Origin } from '../project/finding-origin.js'
import { isZeroOid, listPushedCommits, parsePushInput, readOtherCommit, readPreCommitPush, type PushedCommit, type RefCommits } from '../project/git-push.js'
import { TreeJudge } from '../project/tree-judge.js'
import { renderFailure } from '../report/message.js'
import { renderText, useColor } from '../report/text.js'
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, type CliIo } from './io.js'
import { VERSION } from './version.js'

export const HOOK_HELP = `Usage: seedguard hook pre-push [remote] [url] [--fail-on <error|warning|never>]

Run by git as the pre-push hook (set it up with \`seedguard init\`). Reads git's input on stdin, one
\`<local ref> <local sha> <remote ref> <remote sha>\` line per pushed ref (run by pre-commit, its
PRE_COMMIT_FROM_REF, PRE_COMMIT_TO_REF and PRE_COMMIT_*_BRANCH variables instead; with none of
them, HEAD). It checks the tip of each pushed ref as committed, which is what a deploy of that
ref runs (a CI run on push builds the tip); uncommitted changes count for nothing.

When a tip would let a seed command reach production, each finding is named with the pushed
commit that introduced it (the oldest one from which it is present up to the tip, walking back at
most 100 new commits per ref). A commit in between does not block the push: fix it in a new
commit (or amend), then push again.

Exit codes: 0 push allowed, 1 a pushed tip seeds production (push blocked), 2 the push could not
be checked (blocked too). In a real emergency, \`git push --no-verify\` skips the hook.
`

/** the per-ref bound on new commits walked to find where a finding came from: a pushed import of a whole history must still finish */
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
  const preCommit = readPreCommitPush(io.env)
  // by hand at a terminal there is no git input to wait for
  if (!preCommit && stdin.isTTY) return io.stderr.write('seedguard hook pre-push: no input from git (it reads `<local ref> <local sha> <remote ref> <remote sha>` lines on stdin); nothing checked\n'), EXIT_OK
  let refs
  try {
    refs = (preCommit ?? parsePushInput(await readAll(stdin))).filter((ref) => !isZeroOid(ref.localOid))
  } catch (error) {
    return blocked(io, `cannot read the push: ${oneLine(error)}`)
  }
  if (refs.length === 0) return EXIT_OK

  const objects = new GitObjects(io.cwd, MAX_FILE_BYTES)
  try {
    const judge = new TreeJudge(objects, (files) => judgeTree(io, files, failOn))
    const pushed = await Promise.all(refs.map((ref) => listPushedCommits(io.cwd, objects, ref, MAX_COMMITS_PER_REF)))
    return await checkPushed(io, pushed, (commit) => judge.check(commit.tree), (oid) => readOtherCommit(objects, oid))
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

/**
 * Judges what a deploy runs: the tip of each pushed ref, once per commit however many refs send
 * it. A failing tip is reported with the pushed commit each finding comes from.
 */
async function checkPushed(io: CliIo, pushed: RefCommits[], check: (commit: PushedCommit) => Promise<Verdict>, readOther: (oid: string) => Promise<PushedCommit | undefined>): Promise<number> {
  const tips = new Map<string, { sent: RefCommits; labels: string[] }>()
  for (const sent of pushed) {
    const { ref, commits, notCommit } = sent
    // `git push origin main:release` sends refs/heads/main to refs/heads/release
    const label = ref.localRef === ref.remoteRef ? ref.localRef : `${ref.localRef} → ${ref.remoteRef}`
    if (notCommit) io.stderr.write(`seedguard: ${label} names no commit; nothing to check there\n`)
    const tip = commits[0]
    if (!tip) continue
    const known = tips.get(tip.oid)
    if (known && !known.labels.includes(label)) known.labels.push(label)
    if (!known) tips.set(tip.oid, { sent, labels: [label] })
  }
  const color = useColor(io.env, (io.stderr as { isTTY?: boolean }).isTTY === true)
  let bad = 0
  for (const { sent, labels } of tips.values()) {
    const tip = sent.commits[0]!
    const verdict = await check(tip).catch((error: unknown) => {
      throw new CommitError(tip, labels.join(', '), error)
    })
    if (verdict.failing.length === 0) continue
    bad++
    const origins = await traceOrigins({
      tip,
      keys: verdict.failing.map(findingKey),
      pushed: new Map(sent.commits.map((commit) => [commit.oid, commit])),
      truncated: sent.truncated,
      readOther,
      failingKeys: async (commit) => new Set((await check(commit)).failing.map(findingKey)),
    })
    io.stderr.write(`\nseedguard: ${labels.join(', ')} at commit ${describe(tip)}:\n\n`)
    io.stderr.write(renderText(verdict.result, { color, readLine: verdict.readLine, toolVersion: VERSION }))
    io.stderr.write(`\nseedguard: where ${verdict.failing.length === 1 ? 'it comes' : 'they come'} from:\n`)
    for (const finding of verdict.failing) io.stderr.write(`  ${finding.primary.file}:${finding.primary.start.line}:${finding.primary.start.column} [${finding.rule}]: ${renderOrigin(origins.get(findingKey(finding))!)}\n`)
  }
  if (bad === 0) return EXIT_OK
  const which = tips.size === 1 ? 'the pushed tip' : `${bad} of ${tips.size} pushed tips`
  io.stderr.write(`\nseedguard: push blocked: ${which} would let a seed command reach production.\nFix it in a new commit (or amend), then push again: only each ref's tip is checked. ${BYPASS}\n`)
  return EXIT_FINDINGS
}

function renderOrigin({ kind, commit }: Origin): string {
  if (kind === 'introduced') return `introduced by commit ${describe(commit)}`
  if (kind === 'before-push') return `already in ${short(commit.parents[0]!)}, which the remote has (present before this push)`
  return `present since commit ${describe(commit)} at least; older commits not traced`
}

const describe = (commit: PushedCommit) => `${short(commit.oid)} "${printable(commit.subject)}"`
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
