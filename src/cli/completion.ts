// `patchops completion bash|zsh|fish`: shell completion scripts made from the command table
// (commandTable.ts), the one the parser and the help read, so a shell offers exactly the commands,
// options and values patchops accepts. Each script completes: the command; then, per command, its
// options, the values of an option that has a fixed list (formats, states, presets), files or
// folders where a value or an argument is one, and the fixed words of an argument (`new plan`).
import type { Shell } from './args';
import { COMMAND_NAMES, COMMAND_TABLE, COMMON_OPTIONS, OPTIONS, type CommandName, type CommandOption, type Completes, type OptionName } from './commandTable';

interface Spec {
  name: string;
  summary: string;
  args: readonly Completes[];
  options: { name: OptionName; short?: string; value: boolean; help: string; completes: Completes }[];
}

/** The table, flattened for the generators; `help COMMAND` included. */
function specs(): Spec[] {
  const out: Spec[] = COMMAND_NAMES.map((name: CommandName) => {
    const info = COMMAND_TABLE[name];
    const options = [...Object.entries(info.options), ...Object.entries(COMMON_OPTIONS)] as [OptionName, CommandOption][];
    return {
      name,
      summary: info.summary,
      args: info.args,
      options: options.map(([option, o]) => {
        const spec: { value?: string; short?: string } = OPTIONS[option];
        return { name: option, short: spec.short, value: spec.value !== undefined, help: o.help, completes: o.completes ?? 'none' };
      }),
    };
  });
  out.push({ name: 'help', summary: "a command's options and examples", args: [COMMAND_NAMES], options: [] });
  return out;
}

export function completionScript(shell: Shell): string {
  switch (shell) {
    case 'bash':
      return bashScript(specs());
    case 'zsh':
      return zshScript(specs());
    case 'fish':
      return fishScript(specs());
  }
}

const flagsOf = (o: Spec['options'][number]) => [`--${o.name}`, ...(o.short ? [`-${o.short}`] : [])];
const TOP_LEVEL = ['--help', '--version'];

/** What the bash and zsh scripts share: the same case arms, with the shell's own way to offer words, files and folders. */
interface Offer {
  words(words: readonly string[]): string;
  file: string;
  dir: string;
}

function offer(completes: Completes, how: Offer): string {
  if (completes === 'none') return ':';
  if (completes === 'file') return how.file;
  if (completes === 'dir') return how.dir;
  return how.words(completes);
}

/** The case arms per command: which options take a value, how each value completes, then options or the Nth argument. */
function commandArms(all: Spec[], how: Offer, indent: string): string {
  return all
    .map((c) => {
      const valued = c.options.filter((o) => o.value);
      const valueArms = valued.map((o) => `${indent}      ${flagsOf(o).join('|')}) ${offer(o.completes, how)}; return ;;`);
      const argArms = c.args.map((a, i) => `${indent}      ${i}) ${offer(a, how)} ;;`);
      return [
        `${indent}  ${c.name})`,
        `${indent}    valued=' ${valued.flatMap(flagsOf).join(' ')} '`,
        `${indent}    case $prev in`,
        ...valueArms,
        `${indent}    esac`,
        `${indent}    if [[ $cur == -* ]]; then ${how.words(c.options.flatMap(flagsOf))}; return; fi`,
        `${indent}    case $(_patchops_argument_index) in`,
        ...argArms,
        `${indent}    esac ;;`,
      ].join('\n');
    })
    .join('\n');
}

function bashScript(all: Spec[]): string {
  const how: Offer = {
    words: (words) => `COMPREPLY=($(compgen -W '${words.join(' ')}' -- "$cur"))`,
    file: 'COMPREPLY=($(compgen -f -- "$cur"))',
    dir: 'COMPREPLY=($(compgen -d -- "$cur"))',
  };
  return `# patchops completion for bash (made by \`patchops completion bash\`).
# Load it now: source <(patchops completion bash)
# Or for every shell: patchops completion bash > ~/.local/share/bash-completion/completions/patchops

# The position of the current word among the command's arguments (options and their values skipped).
_patchops_argument_index() {
  local i n=0
  for ((i = 2; i < COMP_CWORD; i++)); do
    case \${COMP_WORDS[i]} in
      -*) [[ $valued == *" \${COMP_WORDS[i]} "* ]] && ((i++)) ;;
      *) ((n++)) ;;
    esac
  done
  echo "$n"
}

_patchops() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} valued=''
  COMPREPLY=()
  if ((COMP_CWORD == 1)); then
    ${how.words([...all.map((c) => c.name), ...TOP_LEVEL])}
    return
  fi
  case \${COMP_WORDS[1]} in
${commandArms(all, how, '  ')}
  esac
}

complete -o filenames -F _patchops patchops
`;
}

function zshScript(all: Spec[]): string {
  const how: Offer = { words: (words) => `compadd -- ${words.join(' ')}`, file: '_files', dir: '_files -/' };
  return `#compdef patchops
# patchops completion for zsh (made by \`patchops completion zsh\`).
# Save it as _patchops in a folder of $fpath (before compinit runs), or load it now:
# source <(patchops completion zsh)

# The position of the current word among the command's arguments (options and their values skipped).
_patchops_argument_index() {
  local -i i n=0
  for ((i = 3; i < CURRENT; i++)); do
    case \${words[i]} in
      -*) [[ $valued == *" \${words[i]} "* ]] && ((i++)) ;;
      *) ((n++)) ;;
    esac
  done
  echo $n
}

_patchops() {
  local cur=\${words[CURRENT]} prev=\${words[CURRENT-1]} valued=''
  if ((CURRENT == 2)); then
    ${how.words([...all.map((c) => c.name), ...TOP_LEVEL])}
    return
  fi
  case \${words[2]} in
${commandArms(all, how, '  ')}
  esac
}

if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
  _patchops "$@"
else
  compdef _patchops patchops
fi
`;
}

/** A fish single-quoted string. */
const fishQuote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function fishScript(all: Spec[]): string {
  const lines = [
    '# patchops completion for fish (made by `patchops completion fish`).',
    '# Save it as ~/.config/fish/completions/patchops.fish, or load it now: patchops completion fish | source',
    'complete -c patchops -f',
    ...all.map((c) => `complete -c patchops -n __fish_use_subcommand -a ${c.name} -d ${fishQuote(c.summary)}`),
    `complete -c patchops -n __fish_use_subcommand -l help -s h -d ${fishQuote('show the help')}`,
    `complete -c patchops -n __fish_use_subcommand -l version -s v -d ${fishQuote('show the version')}`,
  ];
  for (const c of all) {
    const on = `__fish_seen_subcommand_from ${c.name}`;
    for (const o of c.options) {
      const value = !o.value
        ? ''
        : o.completes === 'file'
          ? ' -r -F'
          : o.completes === 'dir'
            ? " -x -a '(__fish_complete_directories)'"
            : o.completes === 'none'
              ? ' -x'
              : ` -x -a ${fishQuote(o.completes.join(' '))}`;
      lines.push(`complete -c patchops -n ${fishQuote(on)} -l ${o.name}${o.short ? ` -s ${o.short}` : ''}${value} -d ${fishQuote(o.help)}`);
    }
    // Arguments: the first one's fixed words until one is given; folders and files wherever an argument may be one.
    const [first] = c.args;
    if (Array.isArray(first))
      lines.push(`complete -c patchops -n ${fishQuote(`${on}; and not __fish_seen_subcommand_from ${first.join(' ')}`)} -a ${fishQuote(first.join(' '))}`);
    if (c.args.includes('dir')) lines.push(`complete -c patchops -n ${fishQuote(on)} -a '(__fish_complete_directories)'`);
    if (c.args.includes('file')) lines.push(`complete -c patchops -n ${fishQuote(on)} -F`);
  }
  return lines.join('\n') + '\n';
}
