/**
 * Reading a JS/TS config file's exported object with @babel/parser's AST (prisma.config.ts, a PM2
 * ecosystem file): the exported value, seen through the wrappers configs use, and its properties.
 */
export type AstNode = { type: string; start?: number | null; end?: number | null; [key: string]: unknown }

/** `export default X`, `module.exports = X`, `export = X` */
export function exportedValue(body: AstNode[]): AstNode | undefined {
  for (const statement of body) {
    if (statement.type === 'ExportDefaultDeclaration') return statement.declaration as AstNode
    if (statement.type === 'TSExportAssignment') return statement.expression as AstNode
    const expression = statement.type === 'ExpressionStatement' ? (statement.expression as AstNode) : undefined
    const left = expression?.type === 'AssignmentExpression' ? (expression.left as AstNode) : undefined
    if (left?.type === 'MemberExpression' && (left.object as AstNode).name === 'module' && (left.property as AstNode).name === 'exports') return expression!.right as AstNode
  }
  return undefined
}

/** Sees through `defineConfig({...})`, `satisfies`/`as`, parentheses and a `const config = {...}` binding. */
export function resolve(node: AstNode | undefined, body: AstNode[], depth = 0): AstNode | undefined {
  if (!node || depth > 8) return node
  switch (node.type) {
    case 'CallExpression':
      return (node.arguments as AstNode[]).length === 1 ? resolve((node.arguments as AstNode[])[0], body, depth + 1) : node
    case 'TSSatisfiesExpression':
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'ParenthesizedExpression':
      return resolve(node.expression as AstNode, body, depth + 1)
    case 'Identifier':
      return resolve(bindingOf(node.name as string, body), body, depth + 1) ?? node
    default:
      return node
  }
}

function bindingOf(name: string, body: AstNode[]): AstNode | undefined {
  for (const statement of body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? (statement.declaration as AstNode | null) : statement
    if (declaration?.type !== 'VariableDeclaration') continue
    for (const declarator of declaration.declarations as AstNode[]) if ((declarator.id as AstNode).name === name) return (declarator.init as AstNode | null) ?? undefined
  }
  return undefined
}

/** the value of a property of an object literal written with a plain key (`seed:`, `"post-deploy":`) */
export function property(object: AstNode, key: string): AstNode | undefined {
  return properties(object).find((p) => p.key === key)?.value
}

/** the plain-keyed properties of an object literal, in order; a spread or a computed key is not one */
export function properties(object: AstNode): { key: string; keyNode: AstNode; value: AstNode }[] {
  const out: { key: string; keyNode: AstNode; value: AstNode }[] = []
  for (const prop of object.properties as AstNode[]) {
    if (prop.type !== 'ObjectProperty' || prop.computed) continue
    const k = prop.key as AstNode
    const key = (k.name as string | undefined) ?? (typeof k.value === 'string' ? k.value : undefined)
    if (key !== undefined) out.push({ key, keyNode: k, value: prop.value as AstNode })
  }
  return out
}

/** a string written as a literal (`'x'`, `` `x` `` without expressions): its value and the offsets inside its quotes */
export function literalString(node: AstNode | undefined): { value: string; start: number; end: number } | undefined {
  if (!node || node.start == null || node.end == null) return undefined
  if (node.type === 'StringLiteral') return { value: node.value as string, start: node.start + 1, end: node.end - 1 }
  if (node.type === 'TemplateLiteral' && (node.expressions as unknown[]).length === 0) return { value: ((node.quasis as AstNode[])[0]!.value as { cooked: string }).cooked, start: node.start + 1, end: node.end - 1 }
  return undefined
}
