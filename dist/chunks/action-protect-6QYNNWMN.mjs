import { createRequire as __seedguardRequire } from "node:module"; const require = __seedguardRequire(import.meta.url);
import{a as y,b as m,c as $,d as E,e as T,g as A,h as D}from"./action-chunk-PDWWI4ZH.mjs";import{M as k}from"./action-chunk-6WN6K7DK.mjs";import{a as g,d as w,p as f,q as v,r as b}from"./action-chunk-LKZ4E7SV.mjs";import"./action-chunk-AH474FHZ.mjs";import"./action-chunk-TFMOA26S.mjs";import"./action-chunk-5GZYAF2A.mjs";import{parseArgs as S}from"node:util";var _=`Usage: seedguard protect --db <url> --env <name>    mark the database (writes one table)
       seedguard protect [--db <url>] --show         show its marker (read-only)
       seedguard protect --db <url> --remove         remove the marker (writes: drops the table)

Writes the database's own production marker: a one-row table ${m} (environment,
protected_at, protected_by, and an audit of the runs let through by SEEDGUARD_ALLOW_PRODUCTION).
\`seedguard guard -- <seed command>\` and \`assertSafeToSeed()\` read it before a seed or reset runs
and refuse a database marked production, whatever the shell's environment says. It is the only
write seedguard makes outside \`cleanup\`; --remove undoes it (and prints the audit it drops).

Databases: postgres://, mysql:// (MariaDB too), sqlite:<file>, pglite:<dir>. --show without --db
reads the database the project's commands use: $DATABASE_URL (or the variable the Prisma schema
names), a .env file as Prisma reads it.

Options:
  --db <url>               the database; required to write
  --env <name>             the environment to record: production, or any name .seedguard.yml knows
  --show                   print the marker, change nothing
  --remove                 drop the marker table
  --prisma-schema <path>   where --show finds the database's variable (default: prisma/schema.prisma)
  -h, --help               this help

Exit codes: 0 done, 2 a connection, permission or usage error.
`,O={db:{type:"string"},env:{type:"string"},show:{type:"boolean"},remove:{type:"boolean"},"prisma-schema":{type:"string"},help:{type:"boolean",short:"h"}};async function G(t,e){let r;try{r=S({args:t,options:O,allowPositionals:!1}).values}catch(o){return i(e,o.message)}if(r.help)return e.stdout.write(_),0;if([r.env!==void 0,r.show===!0,r.remove===!0].filter(Boolean).length!==1)return i(e,"say what to do: --env <name>, --show or --remove (one of them)");let a=r.env?.trim();if(a!==void 0&&!/^[\w.:-]{1,64}$/.test(a))return i(e,"--env takes an environment name: letters, digits, `.`, `_`, `:` or `-`, at most 64");if(!r.show&&!r.db)return i(e,`--db <url> is required to ${r.remove?"remove":"write"} the marker`);let n;try{let o=await b({flag:r.db,prismaSchema:r["prisma-schema"],env:e.env,cwd:e.cwd,commandOnly:!0});if(!o)return i(e,"no database: pass --db <url> or set DATABASE_URL");if(n=o.target,r.show)return await P(n,o.source,e);let s=await T(n);try{if(r.remove){e.stdout.write(`seedguard protect: removing the marker from ${n.masked} (drops table ${m})
`);let p=await D(s);return e.stdout.write(p?`${h(p)}removed: seeds and resets through seedguard guard no longer see this database as ${p.environment}
`:`no marker there: nothing changed
`),0}e.stdout.write(`seedguard protect: writing to ${n.masked}: table ${m}, one row
`);let d=await A(s,a,E(e.env)),l=k(d.environment,y(e.cwd));return e.stdout.write(h(d)),e.stdout.write(l==="production"?`seedguard guard and assertSafeToSeed() now refuse to seed or reset this database.
`:`\`${d.environment}\` is not a production name${l==="unknown"?" seedguard knows (add it to production-environments in .seedguard.yml if it is one)":""}: seeds through seedguard guard still run here.
`),e.stdout.write(`Undo: seedguard protect --db <url> --remove
`),0}finally{await s.close().catch(()=>{})}}catch(o){let s=o instanceof g||o instanceof v,d=w(o.message.split(`
`)[0]??String(o),n?.secrets??[]);return e.stderr.write(`seedguard protect: ${s?"":"error: "}${d}
`),2}}async function P(t,e,r){let c=await f(t,{timeoutMs:5e3}),a;try{a=await $(c)}finally{await c.close()}return r.stdout.write(`${t.masked} (from ${e}):
`),r.stdout.write(a?h(a):"  no marker: `seedguard protect --db <url> --env production` writes one\n"),0}function h(t){let e=[`  environment   ${t.environment}`,`  protected at  ${t.protectedAt}`,`  protected by  ${t.protectedBy}`];return t.overrides.length&&e.push(`  overrides     ${t.overrides.length}:`,...t.overrides.map(r=>`    ${r}`)),e.join(`
`)+`
`}function i(t,e){return t.stderr.write(`seedguard protect: ${e}
Run \`seedguard protect --help\` for usage.
`),2}export{_ as PROTECT_HELP,G as protect};
