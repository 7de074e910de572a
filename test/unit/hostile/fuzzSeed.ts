// One seed for every property-based test, fixed so CI is reproducible, overridable to replay or
// explore: PATCHOPS_FUZZ_SEED=<n> (a failure prints the seed and the path of the failing run).
// PATCHOPS_FUZZ_RUNS=<factor> multiplies the run counts (e.g. 10 for a long local session).

const DEFAULT_FUZZ_SEED = 20261123;

export interface FuzzParameters {
  seed: number;
  runs: number;
}

export function fuzzParameters(name: string, defaultRuns: number): FuzzParameters {
  const seedText = process.env.PATCHOPS_FUZZ_SEED;
  const seed = seedText !== undefined && seedText.trim() !== '' ? Number(seedText) : DEFAULT_FUZZ_SEED;
  if (!Number.isSafeInteger(seed)) throw new Error(`PATCHOPS_FUZZ_SEED must be an integer, not '${seedText}'`);
  const factor = Number(process.env.PATCHOPS_FUZZ_RUNS ?? '1');
  const runs = Math.max(1, Math.round(defaultRuns * (Number.isFinite(factor) && factor > 0 ? factor : 1)));
  console.log(`      fuzz ${name}: seed ${seed}, ${runs} runs (replay: PATCHOPS_FUZZ_SEED=${seed})`);
  return { seed, runs };
}
