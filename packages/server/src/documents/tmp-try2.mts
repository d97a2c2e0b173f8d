import { readFileSync } from 'node:fs';
import { parsePdf } from './parse/pdf-parser.ts';
const r = await parsePdf(readFileSync(process.argv[2]!), { maxPages: 500, timeoutMs: 60000 });
console.log(JSON.stringify(r.blocks.slice(0,6), null, 1));
