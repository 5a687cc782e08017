/** One check of the files themselves (not of the linter): its id, what it means and what to do. */
export interface InputRule {
  id: string;
  /** Every input problem is an error: the file cannot be used as it is. */
  severity: "error";
  /** One line: what the check finds. */
  description: string;
  /** What to do about it. */
  help: string;
}

/**
 * The checks every command makes of the files before it uses them, as problems' `rule` ids.
 * `validate`, SARIF's `rules` and the README read this one list.
 */
export const inputRules: readonly InputRule[] = [
  {
    id: "yaml-syntax",
    severity: "error",
    description: "The file does not parse as YAML (or JSON).",
    help: "Fix the syntax at the position shown.",
  },
  {
    id: "yaml-aliases",
    severity: "error",
    description: "The file's aliases expand too far (an alias bomb) or point nowhere.",
    help: "Write the values out instead of repeating them through aliases.",
  },
  {
    id: "not-utf8",
    severity: "error",
    description: "The file holds bytes that are not UTF-8.",
    help: "Save the file as UTF-8; the position is the first bad byte.",
  },
  {
    id: "file-name-not-utf8",
    severity: "error",
    description: "The file name is not UTF-8, so it cannot name a profile.",
    help: "Rename the file.",
  },
  {
    id: "too-large",
    severity: "error",
    description: "The file, or the profile it holds as JSON, is over the API's request body limit.",
    help: "Split the profile or shorten its lists; the API would answer 413.",
  },
  {
    id: "link-outside-folder",
    severity: "error",
    description: "The file is a symbolic link to a file outside the policies folder.",
    help: "Replace the link with the file itself.",
  },
  {
    id: "unreadable",
    severity: "error",
    description: "The file cannot be read (a dangling link, a folder, no permission).",
    help: "Make it a readable regular file, or remove it.",
  },
  {
    id: "not-a-mapping",
    severity: "error",
    description: "A profile file must hold a mapping of PolicyProfileInput fields.",
    help: "Write one field per line, as `max_rows: 100`.",
  },
  {
    id: "unknown-field",
    severity: "error",
    description: "A key that is not a PolicyProfileInput field.",
    help: "Fix the spelling (see the did-you-mean) or remove the key.",
  },
  {
    id: "file-name",
    severity: "error",
    description: "The profile's name field is not the name its file name stands for.",
    help: "Rename the file or the name field; the file name is the profile's name.",
  },
  {
    id: "schema",
    severity: "error",
    description: "A value the API's schema refuses.",
    help: "Use a value the message allows.",
  },
  {
    id: "test-case",
    severity: "error",
    description:
      "A test file's case that cannot run (no such profile, an unknown verdict or field).",
    help: "Fix the case at the position shown.",
  },
  {
    id: "fmt-alias-order",
    severity: "error",
    description: "fmt cannot put the fields in order: an alias would come before its anchor.",
    help: "Define the anchor in a field that comes first in the canonical order, or write the value out.",
  },
];
