import type { ShellKind } from '../model/context.js'

/**
 * The shell a hook file runs with, from its `#!` line: platforms exec hook files directly, so the
 * shebang decides. No shebang is taken as `sh`; another interpreter (ruby, python) is not shell
 * text we can walk: undefined.
 */
export function shellOfScript(text: string): ShellKind | undefined {
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text)
  if (!shebang) return 'sh'
  const program = (shebang[1]!.endsWith('/env') ? shebang[2] : shebang[1])?.split('/').pop() ?? ''
  return program === 'bash' ? 'bash' : /^(sh|dash|ash|zsh)$/.test(program) ? 'sh' : undefined
}
