// Generates vectors.json, the conformance vectors for Recollect's FSRS port, from ts-fsrs 5.4.2.
// Usage (from this directory): npm install && TZ=UTC node generate-vectors.mjs > vectors.json
// Every time is an explicit UTC instant and every random choice comes from a seeded mulberry32, so the output is
// byte-identical on every run and in every time zone.
// ts-fsrs reports weight migration on stdout through console.debug; keep stdout for the JSON.
console.debug = (...args) => process.stderr.write(args.join(' ') + '\n');
import { createEmptyCard, fsrs, generatorParameters, Rating, State, FSRSVersion } from 'ts-fsrs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const DAY = 86400000;
const MINUTE = 60000;

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (d) => (d ? new Date(d).toISOString() : null);

function cardJson(card) {
  return {
    state: State[card.state],
    due: iso(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduled_days: card.scheduled_days,
    elapsed_days: card.elapsed_days,
    reps: card.reps,
    lapses: card.lapses,
    learning_steps: card.learning_steps,
    last_review: iso(card.last_review),
  };
}

function logJson(log) {
  return {
    rating: log.rating,
    state: State[log.state],
    due: iso(log.due),
    stability: log.stability,
    difficulty: log.difficulty,
    elapsed_days: log.elapsed_days,
    last_elapsed_days: log.last_elapsed_days,
    scheduled_days: log.scheduled_days,
    learning_steps: log.learning_steps,
    review: iso(log.review),
  };
}

function paramsJson(input) {
  const p = generatorParameters(input);
  const f = fsrs(p);
  const eff = f.parameters;
  const out = {
    w: Array.from(eff.w),
    request_retention: eff.request_retention,
    maximum_interval: eff.maximum_interval,
    enable_fuzz: eff.enable_fuzz,
    enable_short_term: eff.enable_short_term,
    learning_steps: Array.from(eff.learning_steps),
    relearning_steps: Array.from(eff.relearning_steps),
  };
  if (input.w) out.w_input = Array.from(input.w);
  return { f, out };
}

/** Replays reviews from an empty card; records every state, the preview of all four outcomes, and the logs. */
function scenario(name, kind, input, start, reviews, withPreview = false) {
  const { f, out } = paramsJson(input);
  let card = createEmptyCard(new Date(start));
  const expected = [];
  const preview = [];
  const logs = [];
  for (const r of reviews) {
    const at = new Date(r.at);
    const before = f.get_retrievability(card, at, false);
    if (withPreview) {
      const all = f.repeat(card, at);
      preview.push([1, 2, 3, 4].map((g) => cardJson(all[g].card)));
    }
    const item = f.next(card, at, r.rating);
    card = item.card;
    expected.push({ ...cardJson(card), retrievability_before: before });
    logs.push(logJson(item.log));
  }
  const s = { name, kind, params: out, start: iso(start), reviews: reviews.map((r) => ({ rating: r.rating, at: iso(r.at) })), expected, logs };
  if (withPreview) s.preview = preview;
  return s;
}

/** Reviews made each at the card's due time, with the given ratings. */
function atDue(input, start, ratings) {
  const { f } = paramsJson(input);
  let card = createEmptyCard(new Date(start));
  const reviews = [];
  for (const rating of ratings) {
    const at = card.due.getTime();
    reviews.push({ rating, at });
    card = f.next(card, new Date(at), rating).card;
  }
  return reviews;
}

const A = Rating.Again, H = Rating.Hard, G = Rating.Good, E = Rating.Easy;
const T0 = Date.UTC(2022, 11, 29, 12, 30);
const scenarios = [];

// --- reference suites ---
scenarios.push(scenario('fsrs6 ivl_history', 'reference', {}, T0, atDue({}, T0, [G, G, G, G, G, G, A, A, G, G, G, G, G])));
const memoryTimes = [0, 0, 1, 3, 8, 21].map((d) => T0 + d * DAY);
const memoryRatings = [A, G, G, G, G, G];
scenarios.push(scenario('memory state short-term', 'reference', {}, T0, memoryRatings.map((rating, i) => ({ rating, at: memoryTimes[i] }))));
scenarios.push(scenario('memory state long-term', 'reference', { enable_short_term: false }, T0, memoryRatings.map((rating, i) => ({ rating, at: memoryTimes[i] }))));
const W19 = [0.4197, 1.1869, 3.0412, 15.2441, 7.1434, 0.6477, 1.0007, 0.0674, 1.6597, 0.1712, 1.1178, 2.0225, 0.0904, 0.3025, 2.1214, 0.2498, 2.9466, 0.4891, 0.6468];
for (const [i, ratings] of [[G, G, G, G, G, G, A, A, G, G, G, G, G], [A, H, G, E, A, G, G, G], [E, E, A, H, H, G, E, E], [H, H, H, A, G, G, E, A]].entries()) {
  scenarios.push(scenario(`long-term ${i + 1} (19 weights)`, 'reference', { w: W19, enable_short_term: false }, T0, atDue({ w: W19, enable_short_term: false }, T0, ratings)));
}
scenarios.push(scenario('fsrs5 ivl_history (19 weights, short-term)', 'reference', { w: W19 }, T0, atDue({ w: W19 }, T0, [G, G, G, G, G, G, A, A, G, G, G, G, G])));
const S311 = { learning_steps: ['1m', '10m', '30m', '1h', '6h', '12h'], relearning_steps: ['10m', '1h', '6h'] };
scenarios.push(scenario('#311 steps advance one at a time', 'reference', S311, T0, atDue(S311, T0, [G, G, G, G, G, G, G, A, G, G, G, G])));
const E44 = Date.UTC(2023, 9, 18, 14, 32, 3, 370);
scenarios.push(scenario('elapsed_days #44', 'reference', {}, E44, [
  { rating: G, at: E44 }, { rating: G, at: Date.UTC(2023, 10, 21, 12, 39, 3, 370) },
  { rating: G, at: Date.UTC(2023, 10, 21, 15, 39, 3, 370) }, { rating: A, at: Date.UTC(2023, 10, 21, 23, 58, 3, 370) }]));

// --- edge cases ---
const mid = Date.UTC(2024, 0, 1, 23, 59);
scenarios.push(scenario('UTC midnight between learning steps', 'edge', {}, mid, [{ rating: G, at: mid }, { rating: G, at: mid + 2 * MINUTE }, { rating: G, at: mid + 15 * MINUTE }], true));
const early = Date.UTC(2024, 0, 1, 0, 0, 30);
scenarios.push(scenario('23h59m apart on one UTC date', 'edge', {}, early, [{ rating: G, at: early }, { rating: G, at: early + 10 * MINUTE }, { rating: G, at: Date.UTC(2024, 0, 1, 23, 59, 59) }], true));
const DAYSTEPS = { learning_steps: ['10m', '1d'], relearning_steps: ['1d'] };
scenarios.push(scenario('learning steps with a day unit', 'edge', DAYSTEPS, T0, atDue(DAYSTEPS, T0, [G, G, G, A, H, G, A, A, G]), true));
const BIGSTEPS = { learning_steps: ['2d', '3d'], relearning_steps: ['2d', '5d'] };
scenarios.push(scenario('every step a day or more', 'edge', BIGSTEPS, T0, atDue(BIGSTEPS, T0, [H, G, A, G, G, A, H, G]), true));
const NOSTEPS = { learning_steps: [], relearning_steps: [] };
scenarios.push(scenario('no steps at all', 'edge', NOSTEPS, T0, atDue(NOSTEPS, T0, [A, A, H, G, A, E, A]), true));
const ZEROSTEP = { learning_steps: ['1m', '0m', '10m'], relearning_steps: ['0m'] };
scenarios.push(scenario('a zero-minute step graduates', 'edge', ZEROSTEP, T0, atDue(ZEROSTEP, T0, [G, G, A, H, G, A, G]), true));
const MAX180 = { maximum_interval: 180 };
scenarios.push(scenario('interval order above the cap', 'edge', MAX180, T0, atDue(MAX180, T0, [E, E, E, E, E, E, H, G, E]), true));
const MAX1 = { maximum_interval: 1, enable_short_term: false };
scenarios.push(scenario('maximum interval of one day, long-term', 'edge', MAX1, T0, atDue(MAX1, T0, [A, H, G, E, E, A, G]), true));
const W17 = [0.4, 0.6, 2.4, 5.8, 4.93, 0.94, 0.86, 0.01, 1.49, 0.14, 0.94, 2.18, 0.05, 0.34, 1.26, 0.29, 2.61];
scenarios.push(scenario('17 weights migrated', 'edge', { w: W17 }, T0, atDue({ w: W17 }, T0, [G, G, A, G, E, H, G])));
const CLIPPED = { w: [150, -3, 2.3, 8.2, 12, 0.8, 3, 0.001, 9, 0.1, 0.7, 1.4, 0.06, 0.26, 1.6, 0.6, 1.8, 0.54, 0.09, 0.06, 0.9] };
scenarios.push(scenario('weights clipped into range', 'edge', CLIPPED, T0, atDue(CLIPPED, T0, [A, G, G, A, G, E])));
const SAMEDAY = Date.UTC(2024, 2, 10, 8, 0);
scenarios.push(scenario('same-day reviews of a Review card', 'edge', {}, SAMEDAY, [
  { rating: E, at: SAMEDAY }, { rating: G, at: SAMEDAY + 3 * 3600e3 }, { rating: H, at: SAMEDAY + 5 * 3600e3 },
  { rating: A, at: SAMEDAY + 6 * 3600e3 }, { rating: E, at: SAMEDAY + 7 * 3600e3 }], true));

// --- seeded random sequences ---
const TRAINED = [0.2172, 1.1771, 3.2602, 16.1507, 7.0114, 0.57, 2.0966, 0.0069, 1.5261, 0.112, 1.0178, 1.849, 0.1133, 0.3127, 2.2934, 0.2191, 3.0004, 0.7536, 0.3332, 0.1437, 0.2];
const PROFILES = {
  default: {},
  'rr0.80': { request_retention: 0.8 },
  'rr0.95': { request_retention: 0.95 },
  'rr0.70_max365': { request_retention: 0.7, maximum_interval: 365 },
  max100: { maximum_interval: 100 },
  no_steps: NOSTEPS,
  one_step_10m: { learning_steps: ['10m'], relearning_steps: ['10m'] },
  steps_1m_10m_1h: { learning_steps: ['1m', '10m', '1h'], relearning_steps: ['10m', '1h'] },
  relearn3_w17_clipped: { learning_steps: ['5m', '30m', '2h'], relearning_steps: ['10m', '1h', '6h'] },
  long_term: { enable_short_term: false },
  'long_term_rr0.85': { enable_short_term: false, request_retention: 0.85 },
  trained_rr0_8: { w: TRAINED, request_retention: 0.8, maximum_interval: 3650 },
  w19_padded: { w: W19 },
  recollect_deployment: { maximum_interval: 365 },
};
const REALISTIC = [[A, 0.12], [H, 0.15], [G, 0.6], [E, 0.13]];
function drawRating(rand, uniform) {
  const u = rand();
  if (uniform) return 1 + Math.floor(u * 4);
  let acc = 0;
  for (const [r, p] of REALISTIC) { acc += p; if (u < acc) return r; }
  return E;
}
function randomReviews(input, seed, policy, count, uniform) {
  const rand = mulberry32(seed);
  const { f } = paramsJson(input);
  let card = createEmptyCard(new Date(T0 + Math.floor(rand() * DAY)));
  let previous = card.due.getTime();
  const reviews = [];
  for (let i = 0; i < count; i++) {
    const due = card.due.getTime();
    const interval = Math.max(due - previous, MINUTE);
    const mode = policy === 'mixed' ? ['due', 'early', 'late'][Math.floor(rand() * 3)] : policy;
    let at = due;
    if (mode === 'early') at = previous + Math.floor(rand() * (due - previous));
    if (mode === 'late') at = due + Math.floor(rand() * 2 * interval);
    at = Math.max(at, previous);
    const rating = drawRating(rand, uniform);
    reviews.push({ rating, at });
    card = f.next(card, new Date(at), rating).card;
    previous = at;
  }
  return reviews;
}
let seed = 1;
for (const [profile, input] of Object.entries(PROFILES)) {
  for (const policy of ['due', 'early', 'late', 'mixed']) {
    seed++;
    if ((seed % 4 !== 0) && policy !== 'mixed' && profile !== 'default') continue;
    const rand = mulberry32(seed * 7919);
    const count = 10 + Math.floor(rand() * 21);
    const uniform = seed % 3 === 0;
    scenarios.push(scenario(`random ${profile} ${policy}`, 'random', input, T0, randomReviews(input, seed, policy, count, uniform), seed % 5 === 0));
  }
}

// --- fuzz ---
const fuzzScenarios = [];
for (const [i, input] of [{ enable_fuzz: true }, { enable_fuzz: true, maximum_interval: 365 }, { enable_fuzz: true, enable_short_term: false },
  { enable_fuzz: true, request_retention: 0.8, learning_steps: ['10m'], relearning_steps: [] }, { enable_fuzz: true, w: TRAINED },
  { enable_fuzz: true, maximum_interval: 30 }].entries()) {
  for (const policy of ['due', 'mixed']) {
    fuzzScenarios.push(scenario(`fuzz ${i} ${policy}`, 'fuzz', input, T0, randomReviews(input, 1000 + i * 10 + policy.length, policy, 25, false), true));
  }
}

// --- forget and rollback ---
const operations = [];
{
  const { f, out } = paramsJson({});
  let card = createEmptyCard(new Date(T0));
  const steps = atDue({}, T0, [G, G, G, A, G, G]);
  const history = [];
  for (const r of steps) {
    const item = f.next(card, new Date(r.at), r.rating);
    history.push({ before: cardJson(card), after: cardJson(item.card), log: logJson(item.log), rollback: cardJson(f.rollback(item.card, item.log)) });
    card = item.card;
  }
  const later = new Date(card.due.getTime() + 3 * DAY + 5 * 3600e3);
  const keep = f.forget(card, later, false);
  const reset = f.forget(card, later, true);
  operations.push({ name: 'rollback and forget', params: out, history, forget_at: iso(later), forget_keep: { card: cardJson(keep.card), log: logJson(keep.log) }, forget_reset: { card: cardJson(reset.card), log: logJson(reset.log) } });
}

// --- reschedule ---
const rescheduleCases = [];
{
  const { f, out } = paramsJson({ maximum_interval: 365 });
  const reviews = atDue({ maximum_interval: 365 }, T0, [G, H, G, A, G, E]);
  let current = createEmptyCard(new Date(T0));
  for (const r of reviews.slice(0, 4)) current = f.next(current, new Date(r.at), r.rating).card;
  current = { ...current, due: new Date(current.due.getTime() + 2 * DAY) };
  const now = new Date(reviews[reviews.length - 1].at + 3600e3);
  for (const update of [false, true]) {
    const result = f.reschedule(current, reviews.map((r) => ({ rating: r.rating, review: new Date(r.at) })), { now, first_card: createEmptyCard(new Date(T0)), update_memory_state: update });
    rescheduleCases.push({
      name: `reschedule update_memory_state=${update}`, params: out, current: cardJson(current), first_due: iso(T0), now: iso(now),
      update_memory_state: update, reviews: reviews.map((r) => ({ rating: r.rating, at: iso(r.at) })),
      replay: result.collections.map((c) => cardJson(c.card)),
      manual: result.reschedule_item ? { card: cardJson(result.reschedule_item.card), log: logJson(result.reschedule_item.log) } : null,
    });
  }
}

// --- memory states: next_state on a grid that includes small stabilities and long gaps ---
const memoryStates = [];
for (const [label, input] of [['short-term', {}], ['long-term', { enable_short_term: false }], ['trained', { w: TRAINED }]]) {
  const { f, out } = paramsJson(input);
  const cases = [];
  for (const d of [1, 2.5, 5, 7.3, 10]) {
    for (const s of [0.001, 0.05, 0.9, 3.2, 40, 400, 36500]) {
      for (const t of [0, 1, 3, 30, 400, 5000]) {
        for (const g of [1, 2, 3, 4]) {
          const next = f.next_state({ difficulty: d, stability: s }, t, g);
          cases.push({ d, s, t, g, difficulty: next.difficulty, stability: next.stability });
        }
      }
    }
  }
  memoryStates.push({ label, params: out, cases });
}

// --- Alea: ts-fsrs does not export it, so its own source is evaluated from the package ---
const dist = readFileSync(createRequire(import.meta.url).resolve('ts-fsrs').replace(/index\.cjs$/, 'index.mjs'), 'utf8');
const aleaSource = dist.slice(dist.indexOf('class Alea {'), dist.indexOf('const version='));
const aleaOf = new Function(aleaSource + '; return alea;')();
const aleaVectors = [];
for (const seedValue of ['12345', '1727015666066', '0', ' ', 'recollect', '1704067200000_3_12.345', '-1_1_0', 'ünïcødé', '9'.repeat(40)]) {
  const prng = aleaOf(seedValue);
  aleaVectors.push({ seed: seedValue, values: [prng(), prng(), prng(), prng(), prng()] });
}

// --- a forgotten card reviewed again, and a Review card with a day step lapsing ---
{
  const { f, out } = paramsJson(BIGSTEPS);
  let card = createEmptyCard(new Date(T0));
  const first = f.next(card, new Date(T0), G).card;
  const lapsed = f.next(first, first.due, A);
  operations.push({ name: 'day step lapse', params: out, card: cardJson(first), at: iso(first.due), rating: A, expected: cardJson(lapsed.card), log: logJson(lapsed.log) });
}
{
  const { f, out } = paramsJson({});
  let card = createEmptyCard(new Date(T0));
  for (const r of atDue({}, T0, [G, G, G, A])) card = f.next(card, new Date(r.at), r.rating).card;
  const forgotten = f.forget(card, new Date(card.due.getTime() + DAY), false).card;
  const at = new Date(card.due.getTime() + 5 * DAY);
  for (const rating of [A, G]) {
    const again = f.next(forgotten, at, rating);
    operations.push({ name: `forgotten card reviewed ${rating}`, params: out, card: cardJson(forgotten), at: iso(at), rating, expected: cardJson(again.card), log: logJson(again.log), rollback: cardJson(f.rollback(again.card, again.log)) });
  }
}

process.stdout.write(JSON.stringify({
  meta: { generator: 'generate-vectors.mjs', ts_fsrs: FSRSVersion, scenarios: scenarios.length, fuzz_scenarios: fuzzScenarios.length,
    reviews: scenarios.concat(fuzzScenarios).reduce((n, s) => n + s.reviews.length, 0) },
  scenarios, fuzz_scenarios: fuzzScenarios, operations, reschedule: rescheduleCases, memory_states: memoryStates,
  alea: aleaVectors,
}) + "\n");
