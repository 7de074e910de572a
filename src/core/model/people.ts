// People are named by email address, compared as mail systems compare them in practice.

export function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
