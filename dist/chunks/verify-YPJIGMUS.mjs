import { createRequire as __seedguardRequire } from "node:module"; const require = __seedguardRequire(import.meta.url);
import{e as a,f as b,g as c,h as d,i as e,j as f}from"./chunk-ACIFH4UI.mjs";import"./chunk-B7J7VP5M.mjs";import"./chunk-EJJS5MWB.mjs";export{a as VERIFY_HELP,b as VERIFY_OPTIONS,d as invalidVerifyValues,f as readMonitoring,c as verify,e as verifyOptionsOf};
