// Preloaded into the CLI by the benchmark: writes the process's peak RSS when it exits.
const fs = require('fs');
process.on('exit', () => {
  const file = process.env.PATCHOPS_BENCH_RSS;
  if (file) fs.writeFileSync(file, JSON.stringify({ rssMb: process.resourceUsage().maxRSS / 1024 }));
});
