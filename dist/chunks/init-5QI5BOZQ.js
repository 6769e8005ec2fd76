#!/usr/bin/env node
import { createRequire as __seedguardRequire } from "node:module"; const require = __seedguardRequire(import.meta.url);
import{e as k,f as y}from"./chunk-7C537DPK.js";import"./chunk-FYEYE34T.js";import"./chunk-IUEDPCDG.js";import{execFileSync as S}from"node:child_process";import{chmodSync as A,existsSync as u,mkdirSync as L,readFileSync as N,statSync as R,writeFileSync as T}from"node:fs";import{dirname as D,isAbsolute as j,join as d,relative as C,resolve as _}from"node:path";import{parseArgs as K}from"node:util";var p='seedguard hook pre-push "$@"',$=`#!/bin/sh
# seedguard: check every commit this push sends (in a real emergency: git push --no-verify)
PATH="node_modules/.bin:$PATH" exec ${p}
`,E=`PATH="node_modules/.bin:$PATH" ${p} || exit $?`,b="^9.1.7",I=/^[^#]*\bseedguard\b.*\bhook\s+pre-push\b/m,P=/^[^#]*(\bgit\s+lfs\b|\bread\b|\bcat\b\s*($|[|;&>])|<&0|^\s*(exec|exit)\b)/;function f(e,t,r){if(e===void 0||e.trim()==="")return{text:t,changes:[e===void 0?"created":"filled the empty file"],warnings:[]};let n=e.replace(/\r\n?/g,`
`),s=n===e?[]:["converted CRLF line endings to LF"];if(I.test(n))return{text:n,changes:s,warnings:[]};let i=n.split(`
`).filter(a=>P.test(a)).map(a=>`the hook runs \`${a.trim()}\` before seedguard: if it reads git's input from stdin or ends the script, seedguard sees no pushed commits. Make sure the seedguard line gets that input.`);return{text:`${n}${n.endsWith(`
`)?"":`
`}${r}
`,changes:[...s,`added \`${r}\``],warnings:i}}function v(e){let t;try{t=JSON.parse(e)}catch(h){throw new Error(`package.json is not valid JSON: ${h.message}`)}let r=/\n([ \t]+)"/.exec(e)?.[1]??"  ",n={insertSpaces:!r.includes("	"),tabSize:r.includes("	")?1:r.length,eol:e.includes(`\r
`)?`\r
`:`
`},s=[],o=[],i=t.devDependencies?.husky??t.dependencies?.husky;i===void 0?(e=y(e,k(e,["devDependencies","husky"],b,{formattingOptions:n,getInsertionIndex:c=>c.filter(l=>l.localeCompare("husky")<0).length})),s.push(`added devDependency "husky": "${b}"`)):/^[\^~>=v ]*[0-8]\./.test(i)&&o.push(`husky ${i} is older than v9: .husky/pre-push is written for husky v9 (upgrade with \`npm install -D husky@9\`)`);let a=t.scripts?.prepare;if(a===void 0||!/\bhusky\b/.test(a)){let h=a===void 0||a.trim()===""?"husky":`${a} && husky`;e=y(e,k(e,["scripts","prepare"],h,{formattingOptions:n})),s.push(a===void 0?'added script "prepare": "husky"':'script "prepare" now ends with `&& husky`')}return{text:e,changes:s,warnings:o}}var F=`Usage: seedguard init [--no-husky]

Sets up the pre-push hook that runs \`seedguard hook pre-push\` on every \`git push\`. Running it
again changes nothing that is already in place; it prints what it changed.

With a package.json at the repository root (and core.hooksPath unset or husky's), husky v9:
  package.json      "husky" in devDependencies and "prepare": "husky" in scripts, when missing
  .husky/pre-push   created with, or extended by, the line: ${p}
Otherwise, or with --no-husky, a plain git hook: pre-push in core.hooksPath when it is set, else
in .git/hooks; created executable, or an existing hook extended by one line.

The hook checks the commits being pushed, not the working tree. In a real emergency,
\`git push --no-verify\` skips it.
`;async function V(e,t){let r;try{r=K({args:e,options:{"no-husky":{type:"boolean"},help:{type:"boolean",short:"h"}}}).values}catch(n){return t.stderr.write(`seedguard init: ${n.message}
Run \`seedguard init --help\` for usage.
`),2}if(r.help)return t.stdout.write(F),0;try{let n=m(t.cwd,["rev-parse","--show-toplevel"]);if(n===void 0)throw new Error("not inside a git work tree (run it in your clone of the repository)");let s=m(n,["config","core.hooksPath"]),o=s===void 0?!r["no-husky"]&&u(d(n,"package.json"))?".husky":void 0:/(^|\/)\.husky\/_\/?$/.test(s)?s.replace(/\/_\/?$/,""):void 0,i=o?U(n,o,s===void 0):M(n,_(n,m(n,["rev-parse","--git-path","hooks"])??".git/hooks"));return t.stdout.write(i.join(`
`)+`
`),0}catch(n){return t.stderr.write(`seedguard init: ${n.message}
`),2}}function U(e,t,r){let n=[],s=[];if(r){let c=d(e,"package.json"),l=v(N(c,"utf8"));w(c,l,e,n,s)}let o=u(d(e,".pnp.cjs"))?`yarn ${p}`:p,i=_(e,t,"pre-push");w(i,f(x(i),`${o}
`,o),e,n,s);let a=n.length>0?"seedguard init: pre-push hook set up with husky":`seedguard init: ${g(e,i)} already runs seedguard; nothing changed`,h=r?[`next: run \`${J(e)}\`: it installs husky, whose "prepare" script turns the hook on`]:[];return[a,...n,...s.map(c=>`warning: ${c}`),...h]}function M(e,t){let r=[],n=[],s=d(t,"pre-push");return w(s,f(x(s),$,E),e,r,n),(R(s).mode&64)===0&&(A(s,493),r.push(`  ${g(e,s)}: made executable`)),[r.length>0?"seedguard init: pre-push hook set up (plain git hook)":`seedguard init: ${g(e,s)} already runs seedguard; nothing changed`,...r,...n.map(i=>`warning: ${i}`)]}function w(e,t,r,n,s){if(s.push(...t.warnings),t.changes.length===0)return;let o=!u(e);L(D(e),{recursive:!0}),T(e,t.text,o?{mode:493}:{});for(let i of t.changes)n.push(`  ${g(r,e)}: ${i}`)}function x(e){try{return N(e,"utf8")}catch{return}}function J(e){return u(d(e,"pnpm-lock.yaml"))?"pnpm install":u(d(e,"yarn.lock"))?"yarn install":u(d(e,"bun.lock"))||u(d(e,"bun.lockb"))?"bun install":"npm install"}function g(e,t){let r=C(e,t);return r.startsWith("..")||j(r)?t:r}function m(e,t){try{return S("git",t,{cwd:e,encoding:"utf8",stdio:["ignore","pipe","ignore"]}).trim()}catch(r){if(r.code==="ENOENT")throw new Error("git is not installed or not on PATH");return}}export{F as INIT_HELP,V as init};
