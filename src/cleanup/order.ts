// Children before their parents: a table goes once no other table still to be emptied references
// it through a foreign key. A cycle between tables (rare) is broken by name; a table's references
// to itself are handled when it is deleted (apply.ts).
import type { Table } from '../verify/types.js'
import type { Edge } from './closure.js'

export function deletionOrder(tables: Table[], edges: Edge[]): Table[] {
  const remaining = [...tables].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0))
  const order: Table[] = []
  while (remaining.length > 0) {
    const referenced = (t: Table) => edges.some((e) => e.link.references === t && e.child !== t && remaining.includes(e.child))
    const next = remaining.find((t) => !referenced(t)) ?? remaining[0]!
    order.push(next)
    remaining.splice(remaining.indexOf(next), 1)
  }
  return order
}
