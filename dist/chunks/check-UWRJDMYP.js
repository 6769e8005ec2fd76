#!/usr/bin/env node
import { createRequire as __seedguardRequire } from "node:module"; const require = __seedguardRequire(import.meta.url);
import{b as x,c as k,f as C,g as j,h as F,i as $}from"./chunk-UHPAHPAD.js";import{b as f,c as u,d as s,e as S,f as a,g as I,h as O}from"./chunk-3R4V2HVK.js";import{a as R}from"./chunk-2XZX3TTR.js";import"./chunk-7C537DPK.js";import"./chunk-FYEYE34T.js";import"./chunk-IUEDPCDG.js";import{statSync as re}from"node:fs";import{resolve as te}from"node:path";import{parseArgs as oe}from"node:util";var V={error:"error",warning:"warning",note:"notice"},J=e=>{let n=e.findings.filter(r=>!r.suppressed).sort(a).map(G);return n.length>0?n.join(`
`)+`
`:""};function G(e){let{primary:n}=e,r=[`file=${L(n.file)}`,`line=${n.start.line}`,`col=${n.start.column}`,`endLine=${n.end.line}`,`endColumn=${n.end.column}`,`title=${L(`${u(e.rule).title} [${e.rule}]`)}`],t=e.chain.length>0?`
${S(e)}`:"";return`::${V[e.severity]} ${r.join(",")}::${E(s(e)+t)}`}function E(e){return e.replace(/%/g,"%25").replace(/\r/g,"%0D").replace(/\n/g,"%0A")}function L(e){return E(e).replace(/:/g,"%3A").replace(/,/g,"%2C")}var K=1,T=e=>{let n=[...e.findings].sort(a).map(M);return JSON.stringify({version:K,findings:n,stats:e.stats},null,2)+`
`};function M(e){return{ruleId:e.rule,severity:e.suppressed?"note":e.severity,...e.suppressed&&{originalSeverity:e.severity},message:s(e),...X(e.primary),chain:e.chain.map(n=>({file:n.span.file,line:n.span.start.line,column:n.span.start.column,label:n.label})),...e.seed&&{seed:{tool:e.seed.tool,command:e.seed.command}},...e.production&&{production:{verdict:e.production.verdict,confidence:e.production.confidence,reasons:e.production.reasons.map(B)}},confidence:e.confidence,...e.fix!==void 0&&{fix:e.fix},...e.suppressed&&{suppressed:{reason:e.suppressed.reason,file:e.suppressed.span.file,line:e.suppressed.span.start.line}}}}function X(e){return{file:e.file,line:e.start.line,column:e.start.column,endLine:e.end.line,endColumn:e.end.column}}function B(e){let n={kind:e.kind,towards:e.towards,detail:e.detail};return e.span&&(n.file=e.span.file,n.line=e.span.start.line),n}import{createHash as W}from"node:crypto";import{pathToFileURL as z}from"node:url";var U="%SRCROOT%",D=(e,n)=>{let r={$schema:"https://json.schemastore.org/sarif-2.1.0.json",version:"2.1.0",runs:[{tool:{driver:{name:"seedguard",informationUri:"https://github.com/seedguard/seedguard",version:n.toolVersion,rules:f.map(Y)}},originalUriBaseIds:{[U]:{uri:ee(e.root)}},columnKind:"utf16CodeUnits",results:[...e.findings].sort(a).map(t=>q(t,n))}]};return JSON.stringify(r,null,2)+`
`};function Y(e){let{title:n,summary:r,help:t,helpUri:l,severity:d}=u(e);return{id:e,name:e.replace(/(^|-)([a-z])/g,(i,p,c)=>c.toUpperCase()),shortDescription:{text:n},fullDescription:{text:r},help:{text:t,markdown:t},helpUri:l,defaultConfiguration:{level:d}}}function q(e,n){return{ruleId:e.rule,ruleIndex:f.indexOf(e.rule),level:e.severity,message:{text:s(e)},locations:[{physicalLocation:h(e.primary)}],...e.chain.length>0&&{codeFlows:[{threadFlows:[{locations:e.chain.map(r=>({location:{physicalLocation:h(r.span),message:{text:r.label}}}))}]}]},partialFingerprints:{"seedguard/v1":Q(e,n)},...e.suppressed&&{suppressions:[{kind:"inSource",justification:e.suppressed.reason,location:{physicalLocation:h(e.suppressed.span)}}]},properties:{confidence:e.confidence}}}function h(e){return{artifactLocation:{uri:Z(e.file),uriBaseId:U},region:{startLine:e.start.line,startColumn:e.start.column,endLine:e.end.line,endColumn:e.end.column}}}function Q(e,n){let r=n.readLine(e.primary.file,e.primary.start.line)?.trim()??"";return W("sha256").update(`${e.rule}\0${e.primary.file}\0${r}`).digest("hex").slice(0,32)}function Z(e){return e.split("/").map(encodeURIComponent).join("/")}function ee(e){let n=z(e).href;return n.endsWith("/")?n:`${n}/`}var y={text:O,json:T,sarif:D,github:J};var _=`Usage: seedguard check [path] [options]

Reads the repository at [path] (default: .) the way CI and the hosting platform run it, follows
every production deploy path down to the shell commands it runs, and fails when one of them seeds
a database.

Options:
  --format <text|json|sarif|github>  output format (default: text)
  --fail-on <error|warning|never>    which findings fail the run (default: error)
  --config <file>                    config file (default: .seedguard.yml in [path])
  -h, --help                         this help

What is read: .github/workflows/*.yml (jobs, environments, triggers, if:, env, matrices, local
composite actions and reusable workflows), every package.json (npm, yarn, pnpm, bun scripts,
pre/post hooks where the package manager runs them, install lifecycles, workspaces, npm-run-all,
concurrently, turbo) and the shell scripts they call.

Rules:
  seed-in-production            error: a seed command is reachable from a production deploy path
  seed-possibly-in-production   warning: a seed is reachable, but production-ness is uncertain
  unresolved-on-production-path warning: a command on a production path cannot be followed
  parse-error                   a file cannot be parsed (error when it is a deploy path)
  suppression-without-reason    warning: a seedguard-ignore comment gives no reason

Config (.seedguard.yml, or a "seedguard" key in package.json; schema/seedguard.schema.json):
  production-environments: [production, prod, live, prd]
  non-production-environments: [staging, preview, ...]
  default-branches: [main, master]
  seed-commands: ["make demo-data"]      # your own seed commands
  deploy-commands: ["./scripts/ship.sh"] # your own production deploys
  ignore: ["legacy/**"]
  allow:
    - { file: ".github/workflows/demo.yml", rule: seed-in-production, reason: "demo app, reset nightly" }

Suppress one finding inline, on its line or the line above (for a run: | block, on the run: line):
  # seedguard-ignore[seed-in-production]: the demo environment is meant to be seeded

Exit codes: 0 no failing finding, 1 failing findings, 2 usage, config or internal error.
`;async function Le(e,n){let r;try{r=oe({args:e,allowPositionals:!0,options:{format:{type:"string",default:"text"},"fail-on":{type:"string",default:"error"},config:{type:"string"},help:{type:"boolean",short:"h"}}})}catch(o){return n.stderr.write(`seedguard check: ${o.message}
${_}`),2}let{values:t,positionals:l}=r;if(t.help)return n.stdout.write(_),0;let d=t.format;if(!(d in y))return m(n,`unknown format \`${t.format}\` (text, json, sarif, github)`);let i=t["fail-on"];if(i!=="error"&&i!=="warning"&&i!=="never")return m(n,"--fail-on must be error, warning or never");if(l.length>1)return m(n,`one path at a time (got ${l.length})`);let p=te(n.cwd,l[0]??".");if(!ie(p))return m(n,`${p} is not a directory`);let c=new x(p),g=new k(c),v;try{v=F(g,t.config)}catch(o){if(o instanceof j)return n.stderr.write(`seedguard: ${o.message}
`),2;throw o}let b=C(p,c,v,await $(g)),N=g;n.stdout.write(y[d](b,{color:d==="text"&&I(n.env,n.stdout.isTTY===!0),readLine:(o,A)=>N.get(o)?.lineText(A),toolVersion:R}));let H=b.findings.filter(o=>!o.suppressed);return(i==="never"?[]:H.filter(o=>o.severity==="error"||i==="warning"&&o.severity==="warning")).length>0?1:0}function m(e,n){return e.stderr.write(`seedguard check: ${n}
Run \`seedguard check --help\` for usage.
`),2}function ie(e){try{return re(e).isDirectory()}catch{return!1}}export{_ as CHECK_HELP,Le as check};
