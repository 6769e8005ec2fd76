// Teams, members managed by members, projects led by them and a join table keyed on two columns:
// every ON DELETE rule a cleanup follows, and a kept member that keeps what it references.
import type { OnDelete } from '../../src/verify/dialects/types.js'
import type { TableSpec } from './schema.js'

const T0 = Date.UTC(2026, 9, 1)

// team 1 stays because member 3, kept, belongs to it; member 6 of team 1 goes with its manager 5
export function teams(rule: OnDelete = 'cascade'): TableSpec[] {
  return [
    { name: 'team', columns: [['id', 'serial'], ['name', 'text']], primaryKey: ['id'], rows: [[1, 'core'], [2, 'visitors']] },
    {
      name: 'member',
      columns: [['id', 'serial'], ['team_id', 'int'], ['manager_id', 'int null'], ['name', 'text'], ['joined', 'time']],
      primaryKey: ['id'],
      foreignKeys: [{ column: 'team_id', references: 'team', onDelete: rule }, { column: 'manager_id', references: 'member', onDelete: rule }],
      rows: [[1, 1, null, 'ada', T0], [2, 1, 1, 'grace', T0 + 1], [3, 1, 2, 'linus', T0 + 2], [4, 2, null, 'ken', T0 + 3], [5, 2, 4, 'dennis', T0 + 4], [6, 1, 5, 'barbara', T0 + 5]],
    },
    { name: 'project', columns: [['id', 'serial'], ['lead_id', 'int null'], ['title', 'text']], primaryKey: ['id'], foreignKeys: [{ column: 'lead_id', references: 'member', onDelete: 'set null' }], rows: [[1, 4, 'compiler'], [2, 1, 'kernel']] },
    {
      name: 'membership',
      columns: [['member_id', 'int'], ['project_id', 'int'], ['role', 'text']],
      primaryKey: ['member_id', 'project_id'],
      foreignKeys: [{ column: 'member_id', references: 'member', onDelete: 'cascade' }, { column: 'project_id', references: 'project', onDelete: 'cascade' }],
      rows: [[1, 1, 'reviewer'], [4, 1, 'owner'], [5, 2, 'writer'], [6, 2, 'writer'], [3, 1, 'tester']],
    },
  ]
}

export const TABLES = ['team', 'member', 'project', 'membership']
export const OPTIONS = { scope: 'all' as const, tables: ['team'], keepWhere: [{ table: 'member', where: 'id = 3' }] }
