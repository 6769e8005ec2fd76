import { createRequire as __seedguardRequire } from "node:module"; const require = __seedguardRequire(import.meta.url);
import"./chunk-EJJS5MWB.mjs";var e=async()=>{let r=await import("./lib-H4CM63UD.mjs");return typeof r.parse=="function"?r:r.default},t=()=>import("./src-R3RW5ITQ.mjs"),a=()=>import("./verify-5XUIUXAU.mjs");export{e as importBabelParser,t as importPrism,a as importVerifyCommand};
