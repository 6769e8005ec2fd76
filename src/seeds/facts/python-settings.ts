// https://docs.pydantic.dev/latest/concepts/pydantic_settings/ : app settings read from the environment
import type { Node } from 'web-tree-sitter'
import type { Guard } from '../../model/guard.js'
import { argumentsOf, stringOf } from './python-guards.js'

/** What a settings field reads: the variable and the default it has when unset; undefined where the value may come from elsewhere. */
export type SettingsField = Pick<Guard, 'variable' | 'fallback'> | undefined

/**
 * The settings instances a module binds at its top level (`settings = Settings()`) of a pydantic
 * `BaseSettings` class it defines, with their fields by name. A field reads the variable named
 * after it with the class's `env_prefix` (case-insensitively unless `case_sensitive`, so the usual
 * upper-case spelling is taken), or its `validation_alias`/`alias`/`env`, and keeps its default where
 * that variable is unset. Only string fields with a string default (or none) are read so: another
 * type is parsed from the text (`bool` takes "0", "off", "false"), and a class with an `env_file`
 * may take the value from a dotenv file the deploy writes: those fields are undecided.
 */
export function readSettings(root: Node): Map<string, Map<string, SettingsField>> {
  const classes = new Map<string, Map<string, SettingsField>>()
  const instances = new Map<string, Map<string, SettingsField>>()
  for (const statement of root.namedChildren) {
    if (statement?.type === 'class_definition' && /(?:^|\.)BaseSettings$/.test(statement.childForFieldName('superclasses')?.namedChildren[0]?.text ?? '')) {
      classes.set(statement.childForFieldName('name')!.text, fieldsOf(statement))
    }
    const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : undefined
    const value = assignment?.type === 'assignment' ? assignment.childForFieldName('right') : undefined
    const fields = value?.type === 'call' && argumentsOf(value).length === 0 ? classes.get(value.childForFieldName('function')?.text ?? '') : undefined
    if (fields && assignment!.childForFieldName('left')?.type === 'identifier') instances.set(assignment!.childForFieldName('left')!.text, fields)
  }
  return instances
}

function fieldsOf(definition: Node): Map<string, SettingsField> {
  const body = definition.childForFieldName('body')?.namedChildren.filter((n): n is Node => n !== null) ?? []
  const assignments = body.flatMap((s) => (s.type === 'expression_statement' && s.namedChildren[0]?.type === 'assignment' ? [s.namedChildren[0]] : []))
  // `model_config = SettingsConfigDict(…)` (v2), `class Config:` (v1)
  const options = new Map<string, Node>()
  for (const a of assignments) if (a.childForFieldName('left')?.text === 'model_config' && a.childForFieldName('right')?.type === 'call') for (const arg of argumentsOf(a.childForFieldName('right')!)) if (arg.type === 'keyword_argument') options.set(arg.childForFieldName('name')!.text, arg.childForFieldName('value')!)
  const config = body.find((s) => s.type === 'class_definition' && s.childForFieldName('name')?.text === 'Config')
  for (const s of config?.childForFieldName('body')?.namedChildren ?? []) {
    const a = s?.type === 'expression_statement' ? s.namedChildren[0] : undefined
    if (a?.type === 'assignment' && a.childForFieldName('right')) options.set(a.childForFieldName('left')!.text, a.childForFieldName('right')!)
  }
  const fromFile = options.has('env_file') && options.get('env_file')!.type !== 'none'
  const prefix = stringOf(options.get('env_prefix')) ?? ''
  const caseSensitive = options.get('case_sensitive')?.type === 'true'
  const fields = new Map<string, SettingsField>()
  for (const a of assignments) {
    const name = a.childForFieldName('left')
    const type = a.childForFieldName('type')
    if (name?.type !== 'identifier' || name.text === 'model_config' || !type) continue
    fields.set(name.text, fromFile ? undefined : fieldOf(name.text, type, a.childForFieldName('right'), prefix, caseSensitive))
  }
  return fields
}

function fieldOf(name: string, type: Node, value: Node | null, prefix: string, caseSensitive: boolean): SettingsField {
  if (!/^(?:str|Literal\[\s*["'][^\]]*\])$/.test(type.text)) return undefined
  let fallback = value ? stringOf(value) : undefined
  let variable = `${prefix}${name}`
  if (value?.type === 'call' && value.childForFieldName('function')?.text === 'Field') {
    const args = argumentsOf(value)
    const keyword = (key: string) => args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === key)?.childForFieldName('value')
    const alias = ['validation_alias', 'alias', 'env'].map((key) => stringOf(keyword(key))).find((v) => v !== undefined)
    if (alias !== undefined) variable = alias
    const given = args[0]?.type === 'keyword_argument' ? keyword('default') : args[0]
    fallback = given ? stringOf(given) : undefined
    // `Field(...)`: required, no default
    if (given && given.type !== 'ellipsis' && fallback === undefined) return undefined
  } else if (value && fallback === undefined) return undefined
  if (!caseSensitive) variable = variable.toUpperCase()
  return { variable, ...(fallback !== undefined && { fallback: { value: fallback, ifEmpty: false } }) }
}
