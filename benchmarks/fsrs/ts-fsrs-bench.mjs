// The anchor for FsrsBenchmark: ts-fsrs 5.4.2 on the same workload, drawn from the same mulberry32 stream.
// 1,000,000 cards start New; four rounds of f.next() (every card once per round); then one f.repeat() pass.
// Usage (from this directory): npm install && node --max-old-space-size=8192 ts-fsrs-bench.mjs [cards]
import { createEmptyCard, fsrs, generatorParameters, Rating } from 'ts-fsrs';

const CARDS = Number(process.argv[2] ?? 1_000_000);
const START = Date.parse('2025-01-01T08:00:00Z');
const f = fsrs(generatorParameters({ enable_fuzz: false }));

function mulberry32(seed) {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20250101);
const rating = () => { const u = rand(); return u < 0.12 ? Rating.Again : u < 0.27 ? Rating.Hard : u < 0.87 ? Rating.Good : Rating.Easy; };
function reviewTime(card) {
  const timing = rand(); const fraction = rand();
  const due = card.due.getTime();
  const last = card.last_review ? card.last_review.getTime() : due;
  const interval = Math.max(due - last, 60000);
  if (timing < 0.70) return due;
  if (timing < 0.85) return last + Math.floor(fraction * (due - last));
  return due + Math.floor(fraction * interval);
}

// Like FsrsBenchmark: four rounds from New with next(), then four rounds from New with repeat().
function run(review) {
  const cards = new Array(CARDS);
  for (let i = 0; i < CARDS; i++) cards[i] = createEmptyCard(new Date(START));
  const perRound = [];
  let totalMs = 0;
  for (let round = 1; round <= 4; round++) {
    const t0 = performance.now();
    for (let i = 0; i < CARDS; i++) cards[i] = review(cards[i]);
    const ms = performance.now() - t0;
    perRound.push(Math.round(CARDS / (ms / 1000)));
    totalMs += ms;
  }
  return { per_round: perRound, overall: Math.round((4 * CARDS) / (totalMs / 1000)) };
}
const next = run((card) => { const at = new Date(reviewTime(card)); return f.next(card, at, rating()).card; });
const repeat = run((card) => { const preview = f.repeat(card, new Date(reviewTime(card))); return preview[rating()].card; });
console.log(JSON.stringify({ tool: 'ts-fsrs 5.4.2', node: process.version, cards: CARDS, reviews_per_second: { next, repeat } }, null, 2));
