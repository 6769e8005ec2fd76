// The Kubernetes manifests a Terraform configuration carries: `kubectl_manifest`'s `yaml_body`
// (https://registry.terraform.io/providers/gavinbunney/kubectl/latest/docs/resources/kubectl_manifest)
// and `kubernetes_manifest`'s `manifest` (https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/manifest),
// written as a heredoc or read from a file of the configuration.
import { dirnameOf, joinPath } from '../../util/paths.js'

const MANIFEST_RESOURCES = new Set(['kubectl_manifest', 'kubernetes_manifest'])
const RESOURCE = /^[ \t]*resource[ \t]+"([\w-]+)"[ \t]+"([\w-]+)"[ \t]*\{/gm
// https://developer.hashicorp.com/terraform/language/expressions/strings#heredoc-strings
const HEREDOC = /<<(-?)([A-Za-z_][\w-]*)[ \t]*\r?\n/y
// https://developer.hashicorp.com/terraform/language/functions/file, …/templatefile; `path.module` is the configuration's directory
const FILE_CALL = /\b(?:file|templatefile)\(\s*"(?:\$\{path\.(?:module|root|cwd)\}\/)?([^"$]+\.ya?ml)"/g

export interface ManifestResource {
  /** `kubectl_manifest.seed` */
  address: string
  /** offset of the `resource` keyword */
  start: number
  /** the heredoc bodies in the resource, as offsets into the file */
  heredocs: { start: number; end: number }[]
  /** the YAML files of the repository it reads, by their repository path */
  files: string[]
}

/** Every `kubectl_manifest` and `kubernetes_manifest` resource of a `.tf` file. */
export function manifestResources(file: string, text: string): ManifestResource[] {
  const out: ManifestResource[] = []
  for (const match of text.matchAll(RESOURCE)) {
    if (!MANIFEST_RESOURCES.has(match[1]!)) continue
    const open = match.index + match[0].length - 1
    const { end, heredocs } = scanBlock(text, open)
    const files = [...text.slice(open, end).matchAll(FILE_CALL)].map((m) => joinPath(dirnameOf(file), m[1]!)).filter((p): p is string => p !== undefined)
    out.push({ address: `${match[1]}.${match[2]}`, start: match.index + match[0].indexOf('resource'), heredocs, files })
  }
  return out
}

/** From the `{` at `open`: the offset after its closing `}`, and the heredocs on the way; strings and comments hold no braces. */
function scanBlock(text: string, open: number): { end: number; heredocs: { start: number; end: number }[] } {
  const heredocs: { start: number; end: number }[] = []
  let depth = 0
  let i = open
  while (i < text.length) {
    const c = text[i]!
    if (c === '{') depth++
    else if (c === '}' && --depth === 0) return { end: i + 1, heredocs }
    else if (c === '"') i = stringEnd(text, i)
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) i = lineEnd(text, i)
    else if (c === '/' && text[i + 1] === '*') i = text.indexOf('*/', i + 2) < 0 ? text.length : text.indexOf('*/', i + 2) + 1
    else if (c === '<' && text[i + 1] === '<') {
      HEREDOC.lastIndex = i
      const marker = HEREDOC.exec(text)
      if (marker) {
        const start = HEREDOC.lastIndex
        const close = new RegExp(`^[ \\t]*${marker[2]}[ \\t]*\\r?$`, 'm')
        const found = close.exec(text.slice(start))
        const end = found ? start + found.index : text.length
        heredocs.push({ start, end })
        i = found ? end + found[0].length - 1 : text.length
      }
    }
    i++
  }
  return { end: text.length, heredocs }
}

/** The offset of the closing quote of the string opening at `at`; a `${ … }` inside may hold braces and strings of its own. */
function stringEnd(text: string, at: number): number {
  let i = at + 1
  for (; i < text.length && text[i] !== '\n'; i++) {
    const c = text[i]!
    if (c === '\\') i++
    else if ((c === '$' || c === '%') && text[i + 1] === '{') i = templateEnd(text, i + 1)
    else if (c === '"') return i
  }
  return i
}

/** The offset of the `}` closing the template sequence whose `{` is at `open`. */
function templateEnd(text: string, open: number): number {
  let depth = 0
  let i = open
  for (; i < text.length && text[i] !== '\n'; i++) {
    const c = text[i]!
    if (c === '{') depth++
    else if (c === '}' && --depth === 0) return i
    else if (c === '"') i = stringEnd(text, i)
  }
  return i
}

function lineEnd(text: string, at: number): number {
  const end = text.indexOf('\n', at)
  return end < 0 ? text.length : end
}

/**
 * The file's text with everything but one heredoc body blanked, offsets kept: Terraform's `${ … }`
 * interpolations and `%{ … }` directives inside it become underscores (a value the YAML still has),
 * or spaces on a line of their own.
 */
export function heredocText(text: string, heredoc: { start: number; end: number }): string {
  const body = text.slice(heredoc.start, heredoc.end).replace(/[%$]\{[^}\n]*\}/g, (m, offset: number, whole: string) => {
    const before = whole.slice(whole.lastIndexOf('\n', offset - 1) + 1, offset)
    const after = whole.slice(offset + m.length, whole.indexOf('\n', offset) < 0 ? undefined : whole.indexOf('\n', offset))
    return m.replace(/./g, before.trim() === '' && after.trim() === '' ? ' ' : '_')
  })
  return text.slice(0, heredoc.start).replace(/[^\n]/g, ' ') + body + text.slice(heredoc.end).replace(/[^\n]/g, ' ')
}
