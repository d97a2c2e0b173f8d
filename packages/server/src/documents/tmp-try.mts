import { readFileSync } from 'node:fs';
import { parseDocument } from './parse/document-parser.ts';
const r = await parseDocument(readFileSync(process.argv[2]!), process.argv[3] as 'pdf', { maxPages: 500, timeoutMs: 60000, maxPassages: 5000 });
console.log(JSON.stringify(r, null, 1));
