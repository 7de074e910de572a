// The whole workspace as of an instant: see incremental/evaluator.ts for how it is computed and
// kept up to date edit by edit.
export { evaluate, Evaluator, runToEnd } from './incremental/evaluator';
