import { createRequire as __seedguardRequire } from "node:module"; const require = __seedguardRequire(import.meta.url);
import{k as a,l as b,m as c,n as d,o as e,p as f}from"./action-chunk-SHAA3IK3.js";import"./action-chunk-YOO6SC23.js";import"./action-chunk-ZZKTAZH6.js";export{a as VERIFY_HELP,b as VERIFY_OPTIONS,d as invalidVerifyValues,f as loadPrisma,c as verify,e as verifyOptionsOf};
