// better-sqlite3 ships no types and @types/better-sqlite3 is not a dependency: this declares only
// the constructor the sqlite dialect calls, returning the structural subset it uses.
declare module 'better-sqlite3' {
  import type { SqliteDatabaseLike } from './sqlite.js'

  const Database: new (path: string, options?: { readonly?: boolean; fileMustExist?: boolean; timeout?: number }) => SqliteDatabaseLike & {
    exec(sql: string): unknown
  }
  export default Database
}
