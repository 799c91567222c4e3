import type { SubcommandEntry, SubcommandTable } from '../../context.js';

const NAME = /^[a-z][a-z0-9-]{0,30}$/;

/**
 * The `/journey` subcommands contributed beside the built-in ones (list, show, touchpoint, log,
 * actions, help): digests and alerts add `digest`, `alert` and `alerts`. A registered name wins
 * over a journey of the same name, as the built-in ones do. One table per app, so two apps in one
 * process (tests) never see each other's entries.
 */
export function createSubcommandTable(): SubcommandTable {
  const entries = new Map<string, SubcommandEntry>();
  return {
    add: (entry) => {
      if (!NAME.test(entry.name)) throw new Error(`subcommand "${entry.name}" must be lowercase letters, digits and dashes`);
      if (entries.has(entry.name)) throw new Error(`subcommand "${entry.name}" is registered twice`);
      entries.set(entry.name, entry);
    },
    find: (name) => entries.get(name.toLowerCase()),
    names: () => new Set(entries.keys()),
    entries: () => [...entries.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}
