/** `npm run docs:schema`: rewrite the generated part of data-pipeline/README.md from the shared schema. */
import { readFileSync, writeFileSync } from 'node:fs';
import { DOC_END, DOC_START, schemaDoc } from '../schema-doc.js';

const path = 'data-pipeline/README.md';
const text = readFileSync(path, 'utf8');
const start = text.indexOf(DOC_START);
const end = text.indexOf(DOC_END);
if (start < 0 || end < start) throw new Error(`${path}: schema-doc markers not found`);
writeFileSync(path, `${text.slice(0, start + DOC_START.length)}\n\n${schemaDoc()}\n${text.slice(end)}`);
process.stderr.write(`${path}: schema tables rewritten\n`);
