#!/usr/bin/env node
import { createRequire as __seedguardRequire } from "node:module"; const require = __seedguardRequire(import.meta.url);
var o="0.1.0";export{o as a};
