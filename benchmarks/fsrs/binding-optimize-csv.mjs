// The anchor of benchmarks/fsrs/optimizer.sh: what `recollect fsrs optimize --input CSV` does, with
// @open-spaced-repetition/binding 0.5.0 (fsrs-rs 6.5.0): reads an Anki-style revlog CSV, converts it as the binding
// does (UTC, the day starting at 4), fits the parameters and prints them as JSON.
// Usage: node binding-optimize-csv.mjs REVLOG.csv [--no-short-term]
import { readFileSync } from 'node:fs';
import { computeParameters, convertCsvToFsrsItems } from '@open-spaced-repetition/binding';

const [file, ...flags] = process.argv.slice(2);
const items = convertCsvToFsrsItems(new Uint8Array(readFileSync(file)), 4, 'UTC', () => 0);
const parameters = await computeParameters(items, { enableShortTerm: !flags.includes('--no-short-term') });
process.stdout.write(JSON.stringify({ parameters: Array.from(parameters), items: items.length }) + '\n');
