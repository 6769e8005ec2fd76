#!/usr/bin/env node
import { createRequire as __seedguardRequire } from "node:module"; const require = __seedguardRequire(import.meta.url);
import{a as o}from"./chunks/chunk-2XZX3TTR.js";import"./chunks/chunk-FYEYE34T.js";import"./chunks/chunk-IUEDPCDG.js";import u from"node:module";var c=`seedguard ${o}: no seed script ever reaches a production database.

Commands:
  check [path]     fail when a seed command is wired to a production deploy
  init             set up the pre-push hook (husky, or a plain git hook)
  hook pre-push    check the commits a push sends (git runs it; reads git's stdin)
  verify --db URL  read a database (read-only) and say whether seed or demo data is in it

Run \`seedguard <command> --help\` for details.
`,p={check:async()=>import("./chunks/check-UWRJDMYP.js").then(e=>({run:e.check,help:e.CHECK_HELP})),init:async()=>import("./chunks/init-5QI5BOZQ.js").then(e=>({run:e.init,help:e.INIT_HELP})),hook:async()=>import("./chunks/hook-JMEI2LMQ.js").then(e=>({run:e.hook,help:e.HOOK_HELP})),verify:async()=>import("./chunks/verify-C7FIIQE3.js").then(e=>({run:e.verify,help:e.VERIFY_HELP}))};async function h(e,s){let[r,...n]=e,i=r===void 0?void 0:p[r];if(i)return await(await i()).run(n,s);if(r==="--version"||r==="-v")return s.stdout.write(`${o}
`),0;if(r===void 0||r==="--help"||r==="-h"||r==="help"){let a=r==="help"&&n[0]!==void 0?p[n[0]]:void 0;return s.stdout.write(a?(await a()).help:c),0}return s.stderr.write(`seedguard: unknown command \`${r}\`
${c}`),2}u.enableCompileCache?.();try{process.exitCode=await h(process.argv.slice(2),{stdout:process.stdout,stderr:process.stderr,cwd:process.cwd(),env:process.env})}catch(e){process.stderr.write(`seedguard: internal error: ${e.message}
`),process.env.SEEDGUARD_DEBUG&&process.stderr.write(`${e.stack}
`),process.exitCode=2}
