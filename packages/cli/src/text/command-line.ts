/** How users run the CLI from a shell: the bin `pgbeam-policies` is on no PATH outside npm scripts. */
export const invocation = "npx @pgbeam/policies-cli";

/** The shell command that runs the CLI with `args` (`plan --replay`), as hints and examples print it. */
export function commandLine(args: string): string {
  return `${invocation} ${args}`;
}

/** A word as a POSIX shell reads it back: as it is when it is plain, else in single quotes. */
export function shellWord(word: string): string {
  return /^[\w./@%+=:,-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
