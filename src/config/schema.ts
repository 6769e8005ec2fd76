/**
 * Validates a plain value against the subset of JSON Schema that schema/seedguard.schema.json
 * uses (type, properties, additionalProperties: false, required, items, minLength), returning the
 * path of every problem so the loader can point at the exact place in YAML or JSON. A full
 * validator (ajv) would cost more start-up time than the whole check of a small repository.
 */
export interface SchemaNode {
  type?: 'object' | 'array' | 'string'
  properties?: Record<string, SchemaNode>
  additionalProperties?: boolean
  required?: string[]
  items?: SchemaNode
  minLength?: number
}

export interface SchemaProblem {
  path: (string | number)[]
  /** the problem is the key itself (an unknown property), not its value */
  atKey: boolean
  message: string
}

export function validate(value: unknown, schema: SchemaNode, path: (string | number)[] = []): SchemaProblem[] {
  const last = path[path.length - 1]
  const where = path.length === 0 ? 'the configuration' : typeof last === 'number' ? `an \`${path.slice(0, -1).join('.')}\` entry` : `\`${path.join('.')}\``
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ path, atKey: false, message: `${where} must be a mapping` }]
      const problems: SchemaProblem[] = []
      const known = Object.keys(schema.properties ?? {})
      for (const [key, child] of Object.entries(value)) {
        const childSchema = schema.properties?.[key]
        if (childSchema) problems.push(...validate(child, childSchema, [...path, key]))
        else if (schema.additionalProperties === false) problems.push({ path: [...path, key], atKey: true, message: `unknown setting \`${key}\` (known: ${known.join(', ')})` })
      }
      for (const key of schema.required ?? []) if (!(key in value)) problems.push({ path, atKey: false, message: `${where} needs a \`${key}\`${key === 'reason' ? ': say why this is safe' : ''}` })
      return problems
    }
    case 'array':
      if (!Array.isArray(value)) return [{ path, atKey: false, message: `${where} must be a list` }]
      return schema.items ? value.flatMap((item, i) => validate(item, schema.items!, [...path, i])) : []
    case 'string':
      if (typeof value !== 'string') return [{ path, atKey: false, message: `${where} must be a string` }]
      if (schema.minLength !== undefined && value.trim().length < schema.minLength) return [{ path, atKey: false, message: `${where} must not be empty` }]
      return []
    default:
      return []
  }
}
