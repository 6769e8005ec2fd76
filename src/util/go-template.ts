// https://pkg.go.dev/text/template : the `{{ … }}` actions of a Helm chart's templates
/** One `{{ … }}` action: where it sits in the file and its text without delimiters and trim markers. */
export interface TemplateAction {
  start: number
  end: number
  text: string
}

const ACTION = /\{\{-?\s*([\s\S]*?)\s*-?\}\}/g

/**
 * A chart template is not YAML until Helm renders it. Each action is blanked with its length and
 * line breaks kept, so the YAML around it parses and every offset, line and column stays the
 * file's own. An action alone on its line (`{{- if … }}`, `{{- toYaml … | nindent 8 }}`) becomes
 * spaces, a blank line; one inside a value becomes underscores, so `image: repo:{{ .Values.tag }}`
 * stays one scalar instead of turning into a `repo:` key, and `{{ .Release.Name }}-seed` a name.
 */
export function blankTemplateActions(text: string): { text: string; actions: TemplateAction[] } {
  const actions: TemplateAction[] = []
  const blanked = text.replace(ACTION, (match: string, inner: string, start: number) => {
    actions.push({ start, end: start + match.length, text: inner })
    const lineStart = text.lastIndexOf('\n', start - 1) + 1
    const lineEnd = text.indexOf('\n', start + match.length)
    const alone = text.slice(lineStart, start).trim() === '' && text.slice(start + match.length, lineEnd < 0 ? undefined : lineEnd).replace(/\{\{[\s\S]*?\}\}/g, '').trim() === ''
    return match.replace(/[^\n]/g, alone ? ' ' : '_')
  })
  return { text: blanked, actions }
}

/**
 * The `if`/`with`/`range` actions still open at an offset: what has to hold for the text there to
 * be rendered at all. `else` keeps its block open (the branch taken is not known here).
 */
export function openConditions(actions: TemplateAction[], offset: number): TemplateAction[] {
  const open: TemplateAction[] = []
  for (const action of actions) {
    if (action.start >= offset) break
    const word = /^(\w+)/.exec(action.text)?.[1]
    if (word === 'if' || word === 'with' || word === 'range' || word === 'define' || word === 'block') open.push(action)
    else if (word === 'end') open.pop()
  }
  return open
}
