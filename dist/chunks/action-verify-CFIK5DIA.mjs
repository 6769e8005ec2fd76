import { createRequire as __seedguardRequire } from "node:module"; const require = __seedguardRequire(import.meta.url);
import{k as a,l as b,m as c,n as d,o as e,p as f}from"./action-chunk-3AWYW3OR.mjs";import"./action-chunk-MFQYLYN3.mjs";import"./action-chunk-5GZYAF2A.mjs";export{a as VERIFY_HELP,b as VERIFY_OPTIONS,d as invalidVerifyValues,f as loadPrisma,c as verify,e as verifyOptionsOf};
