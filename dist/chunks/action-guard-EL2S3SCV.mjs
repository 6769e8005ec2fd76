import { createRequire as __seedguardRequire } from "node:module"; const require = __seedguardRequire(import.meta.url);
import{a as u,b as h}from"./action-chunk-6YACHC4Z.mjs";import"./action-chunk-MMWF6ZXG.mjs";import"./action-chunk-PDWWI4ZH.mjs";import"./action-chunk-DGVQPYR7.mjs";import"./action-chunk-6WN6K7DK.mjs";import"./action-chunk-LKZ4E7SV.mjs";import"./action-chunk-AH474FHZ.mjs";import"./action-chunk-TFMOA26S.mjs";import"./action-chunk-5GZYAF2A.mjs";import{parseArgs as A}from"node:util";import{spawn as b}from"node:child_process";import{constants as N}from"node:os";var g=["SIGINT","SIGTERM","SIGHUP"];function p(n,e,t){return new Promise(d=>{let[o,...m]=n,r=b(o,m,{cwd:e,env:t,stdio:"inherit"}),i=s=>r.kill(s);for(let s of g)process.on(s,i);let c=s=>{for(let a of g)process.off(a,i);d(s)};r.on("error",s=>c({error:s.code==="ENOENT"?`\`${o}\` not found (is it installed, and on PATH?)`:s.message})),r.on("exit",(s,a)=>c(a?{signal:a}:{code:s??1}))})}function f(n){return 128+(N.signals[n]??0)}var I=`Usage: seedguard guard [--db <url>] [--prisma-schema <path>] -- <command> [args\u2026]

Runs a seed or reset command only where it is safe, passing its output, input, signals and exit
code through. It refuses (exit 1, saying which signal fired and what to do) when:
  - the database the command will use is marked production (\`seedguard protect\`): --db, else
    $DATABASE_URL (or the variable the Prisma schema names), else a .env file as Prisma reads it;
    the marker is read on a read-only session with a short timeout
  - the environment says production: NODE_ENV, RAILS_ENV, APP_ENV, VERCEL_ENV, CONTEXT (Netlify),
    RAILWAY_ENVIRONMENT_NAME, \u2026 (the variables \`seedguard check\` reads)
  - the database's host or name matches production-database-hosts / production-database-names in
    .seedguard.yml, or its name says production (shop_production)
  - the database cannot be reached and nothing says the run is local (a loopback host, a SQLite
    file, APP_ENV=development, \u2026)

In a real emergency, SEEDGUARD_ALLOW_PRODUCTION=<database name> lets one run through: it must be
the exact name of the database, the run is announced and recorded in the database's marker.

Options:
  --db <url>               the database the command uses, when it is not in $DATABASE_URL or .env
  --prisma-schema <path>   the Prisma schema that names the database's variable
  -h, --help               this help

Example (package.json):  "seed": "seedguard guard -- prisma db seed"

Exit codes: the command's own; 1 refused; 2 a usage error; 127 the command was not found. A command
killed by a signal ends seedguard by the same signal.
`,P={db:{type:"string"},"prisma-schema":{type:"string"},help:{type:"boolean",short:"h"}};async function D(n,e){let t=n.indexOf("--"),d;try{d=A({args:t<0?n:n.slice(0,t),options:P,allowPositionals:!0})}catch(l){return E(e,l.message)}let{values:o,positionals:m}=d;if(o.help)return e.stdout.write(I),0;let r=t<0?[]:n.slice(t+1);if(r.length===0||m.length>0)return E(e,"no command after --: seedguard guard -- <command> [args\u2026]");let i=r.join(" "),c=await u({db:o.db,prismaSchema:o["prisma-schema"],cwd:e.cwd,env:e.env,action:i}),s=await h(c,i,e.env,l=>e.stderr.write(`${l}
`));if(s)return e.stderr.write(`${s}
`),1;let a=await p(r,e.cwd,e.env);return"error"in a?(e.stderr.write(`seedguard guard: cannot run ${a.error}
`),127):"signal"in a?(e.raise?.(a.signal),f(a.signal)):a.code}function E(n,e){return n.stderr.write(`seedguard guard: ${e}
Run \`seedguard guard --help\` for usage.
`),2}export{I as GUARD_HELP,D as guard};
