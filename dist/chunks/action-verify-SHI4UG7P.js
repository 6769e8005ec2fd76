import { createRequire as __seedguardRequire } from "node:module"; const require = __seedguardRequire(import.meta.url);
import{i as a,j as b,k as c,l as d,m as e,n as f}from"./action-chunk-GAKALHDJ.js";import"./action-chunk-UW4SEPZ3.js";import"./action-chunk-ZZKTAZH6.js";export{a as VERIFY_HELP,b as VERIFY_OPTIONS,d as invalidVerifyValues,f as loadPrisma,c as verify,e as verifyOptionsOf};
