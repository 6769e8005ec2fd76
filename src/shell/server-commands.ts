// Command lines as they run, here or on a server a command hands shell text to: shared by what
// finds deploys in shell text (compose stacks brought up, systemd units started).
import { LineIndex } from '../util/line-index.js'
import { parseShell, type SimpleCommand } from './parse.js'
import { matchRemote } from './remote-exec.js'
import { unwrap } from './wrappers.js'

/** One command line after its wrappers (`sudo`, `env X=1`): its words, the variables it runs with, and where. */
export interface ServerCommand {
  argv: string[]
  env: Record<string, string>
  cwd: string
  /** shell text a command handed to a server: `ssh host "…"`, `ssh host <<EOF`, expect's `send "…"` after `spawn ssh` */
  remote: boolean
}

/** which commands are worth unwrapping: a word they hold, and the mention that makes shell text worth a parse */
export interface Interest {
  word: RegExp
  text: RegExp
}

const REMOTE = /^(ssh|expect|spawn|send)$/

/** The command lines of interest among parsed commands, and those in the text they send to a server. `export X=…` holds for the commands after it. */
export function serverCommands(commands: SimpleCommand[], interest: Interest, env: Record<string, string> = {}, remote = false): ServerCommand[] {
  const out: ServerCommand[] = []
  const running = { ...env }
  let spawned = false
  for (const command of commands) {
    Object.assign(running, command.exported)
    // most commands name nothing of interest and no remote shell: not worth unwrapping
    if (!command.words.some((w) => interest.word.test(w.value) || REMOTE.test(w.value))) continue
    const { words, env: set } = unwrap(command.words)
    const argv = words.map((w) => w.value)
    out.push({ argv, env: { ...running, ...command.assignments, ...set }, cwd: command.cwd, remote })
    spawned ||= argv[0] === 'spawn' && argv[1] === 'ssh'
    // `sshpass -p x ssh host …` reaches ssh a few words in
    const ssh = argv.indexOf('ssh')
    const sent = ssh >= 0 && ssh <= 3 ? matchRemote(words.slice(ssh)) : undefined
    const texts = ssh >= 0 && ssh <= 3 ? [sent?.commandString?.value ?? sent?.words?.map((w) => w.value).join(' ') ?? '', command.heredoc?.text ?? ''] : argv[0] === 'expect' ? [command.heredoc?.text ?? ''] : spawned && argv[0] === 'send' ? argv.slice(1) : []
    for (const text of texts) out.push(...serverCommandsOfText(text, command.cwd, interest, true))
  }
  return out
}

/** shell text that is not a file of its own (an `ssh` argument, an ssh action's `script:`) */
export function serverCommandsOfText(text: string, dir: string, interest: Interest, remote = false): ServerCommand[] {
  // most remote commands mention nothing of interest: they are not worth a parse
  if (!interest.text.test(text)) return []
  return serverCommands(parseShell({ text, offsets: (i) => i, file: '', shell: 'sh' }, new LineIndex('', text), dir).commands, interest, {}, remote)
}
