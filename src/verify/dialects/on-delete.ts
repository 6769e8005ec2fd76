import type { OnDelete } from './types.js'

// The rule as each catalog spells it: PostgreSQL's pg_constraint.confdeltype letter
// (https://www.postgresql.org/docs/current/catalog-pg-constraint.html), MySQL/MariaDB's
// REFERENTIAL_CONSTRAINTS.DELETE_RULE (https://dev.mysql.com/doc/refman/8.0/en/information-schema-referential-constraints-table.html)
// and SQLite's pragma foreign_key_list on_delete (https://www.sqlite.org/pragma.html#pragma_foreign_key_list).
const LETTERS: Record<string, OnDelete> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' }
const WORDS: OnDelete[] = ['cascade', 'restrict', 'no action', 'set null', 'set default']

/** `c`, `CASCADE`, `SET NULL`, … as one rule; what no catalog says is NO ACTION, every database's default */
export function onDeleteRule(spelled: unknown): OnDelete {
  const text = String(spelled ?? '').trim().toLowerCase()
  return LETTERS[text] ?? WORDS.find((w) => w === text.replace(/\s+/g, ' ')) ?? 'no action'
}
