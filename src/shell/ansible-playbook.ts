// https://docs.ansible.com/ansible/latest/cli/ansible-playbook.html
// `ansible-playbook -i <inventory> <playbook>…`: which playbooks a command runs, on which inventories.
import { flagValues, isCommand, positionals } from '../deploys/argv.js'

// the options that take a value, so it is not taken for a playbook
const VALUED = ['-i', '--inventory', '--inventory-file', '-e', '--extra-vars', '-l', '--limit', '-u', '--user', '-t', '--tags', '--skip-tags', '-f', '--forks', '-M', '--module-path', '--vault-id', '--vault-password-file', '--vault-pass-file', '-c', '--connection', '-T', '--timeout', '--private-key', '--key-file', '--ssh-common-args', '--sftp-extra-args', '--scp-extra-args', '--ssh-extra-args', '--become-method', '--become-user', '--start-at-task']

export interface PlaybookCommand {
  playbooks: string[]
  /** every `-i`, as written: a file, a directory, or a comma-separated host list */
  inventories: string[]
}

export function playbookCommand(argv: readonly string[]): PlaybookCommand | undefined {
  if (!isCommand(argv[0], ['ansible-playbook'])) return undefined
  const args = argv.slice(1)
  // these only check or list the playbook: nothing runs on the hosts
  if (args.some((a) => ['--syntax-check', '--list-tasks', '--list-hosts', '--list-tags', '--check', '-C'].includes(a))) return undefined
  // `-iinventories/prod` is `-i inventories/prod`
  const joined = args.flatMap((a) => (/^-i[^=-]/.test(a) ? ['-i', a.slice(2)] : [a]))
  const playbooks = positionals(joined, VALUED).filter((p) => /\.ya?ml$/.test(p))
  return playbooks.length > 0 ? { playbooks, inventories: flagValues(joined, ['-i', '--inventory', '--inventory-file']) } : undefined
}
