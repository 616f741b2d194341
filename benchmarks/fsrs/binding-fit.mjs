// Fits FSRS-6 parameters with @open-spaced-repetition/binding (fsrs-rs 6.5.0): the anchor recollect's optimizer is
// measured against. Input: a JSON file of items, each an array of [rating, delta_t] pairs (history, then target).
// Output (stdout, JSON): {"parameters": [...21], "seconds": wall-clock of computeParameters}.
// Usage: node binding-fit.mjs ITEMS.json [--no-short-term]
import { readFileSync } from 'node:fs';
import { computeParameters, FSRSBindingItem, FSRSBindingReview } from '@open-spaced-repetition/binding';

const [file, ...flags] = process.argv.slice(2);
const data = JSON.parse(readFileSync(file, 'utf8'));
const items = data.map((item) => new FSRSBindingItem(item.map(([rating, days]) => new FSRSBindingReview(rating, days))));
const started = process.hrtime.bigint();
const parameters = await computeParameters(items, { enableShortTerm: !flags.includes('--no-short-term') });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(JSON.stringify({ parameters: Array.from(parameters), seconds }) + '\n');
